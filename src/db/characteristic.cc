#include "db/vacancy_record.h"

namespace jao::db {

const CharacteristicTables& TablesFor(Characteristic c) {
  static const std::array<CharacteristicTables, kNumCharacteristics> kTables{{
      {"age_group", "application_statistics_agegroup",
       "application_statistics_agegroupstatistic", "age_group_id"},
      {"disability", "application_statistics_disability",
       "application_statistics_disabilitystatistic", "disability_id"},
      {"ethnic_group", "application_statistics_ethnicgroup",
       "application_statistics_ethnicgroupstatistic", "ethnic_group_id"},
      {"ethnicity", "application_statistics_ethnicity",
       "application_statistics_ethnicitystatistic", "ethnicity_id"},
      {"gender", "application_statistics_gender",
       "application_statistics_genderstatistic", "gender_id"},
      {"religion", "application_statistics_religion",
       "application_statistics_religionstatistic", "religion_id"},
      {"sexual_orientation", "application_statistics_sexualorientation",
       "application_statistics_sexualorientationstatistic",
       "sexual_orientation_id"},
  }};
  return kTables[static_cast<int>(c)];
}

}  // namespace jao::db
