// Django's index and constraint names on SQLite; see sqlite/index_names.h.
// The rows are the output of `python3 scripts/django_names.py sqlite`
// (Django's _create_index_name: md5 of the table and column names, first 8
// hex digits); regenerate them with it rather than editing by hand.
#include "db/sqlite/index_names.h"

namespace jao::db::sqlite {

std::span<const schema::IndexName> ForeignKeyIndexes() {
  static const schema::IndexName kNames[] = {
      {"vacancies_vacancy",
       {"department_id"},
       "vacancies_vacancy_department_id_c5656f94"},
      {"vacancies_vacancygrade",
       {"vacancy_id"},
       "vacancies_vacancygrade_vacancy_id_b771ce46"},
      {"vacancies_vacancygrade",
       {"grade_id"},
       "vacancies_vacancygrade_grade_id_c778e379"},
      {"vacancies_vacancyroletype",
       {"vacancy_id"},
       "vacancies_vacancyroletype_vacancy_id_34becf33"},
      {"vacancies_vacancyroletype",
       {"role_type_id"},
       "vacancies_vacancyroletype_role_type_id_a254603b"},
      {"application_statistics_agegroupstatistic",
       {"vacancy_id"},
       "application_statistics_agegroupstatistic_vacancy_id_bddb4f63"},
      {"application_statistics_agegroupstatistic",
       {"age_group_id"},
       "application_statistics_agegroupstatistic_age_group_id_b5c041f5"},
      {"application_statistics_disabilitystatistic",
       {"vacancy_id"},
       "application_statistics_disabilitystatistic_vacancy_id_b82660f9"},
      {"application_statistics_disabilitystatistic",
       {"disability_id"},
       "application_statistics_disabilitystatistic_disability_id_c815040f"},
      {"application_statistics_ethnicgroupstatistic",
       {"vacancy_id"},
       "application_statistics_ethnicgroupstatistic_vacancy_id_eb8d2ecd"},
      {"application_statistics_ethnicgroupstatistic",
       {"ethnic_group_id"},
       "application_statistics_ethnicgroupstatistic_ethnic_group_id_23defa3c"},
      {"application_statistics_ethnicitystatistic",
       {"vacancy_id"},
       "application_statistics_ethnicitystatistic_vacancy_id_d5afa6ac"},
      {"application_statistics_ethnicitystatistic",
       {"ethnicity_id"},
       "application_statistics_ethnicitystatistic_ethnicity_id_87204118"},
      {"application_statistics_genderstatistic",
       {"vacancy_id"},
       "application_statistics_genderstatistic_vacancy_id_c5a87779"},
      {"application_statistics_genderstatistic",
       {"gender_id"},
       "application_statistics_genderstatistic_gender_id_5ebd49de"},
      {"application_statistics_religionstatistic",
       {"vacancy_id"},
       "application_statistics_religionstatistic_vacancy_id_f91b7602"},
      {"application_statistics_religionstatistic",
       {"religion_id"},
       "application_statistics_religionstatistic_religion_id_1fd30de6"},
      {"application_statistics_sexualorientationstatistic",
       {"vacancy_id"},
       "application_statistics_sexualorientationstatistic_vacancy_id_b823e535"},
      {"application_statistics_sexualorientationstatistic",
       {"sexual_orientation_id"},
       "application_statistics_sexualorientationstatistic_sexual_orientation_"
       "id_2dbecd1c"},
  };
  return kNames;
}

std::span<const schema::IndexName> UniqueTogethers() {
  static const schema::IndexName kNames[] = {
      {"vacancies_vacancygrade",
       {"vacancy_id", "grade_id"},
       "vacancies_vacancygrade_vacancy_id_grade_id_c244f03a_uniq"},
      {"vacancies_vacancyroletype",
       {"vacancy_id", "role_type_id"},
       "vacancies_vacancyroletype_vacancy_id_role_type_id_0b790021_uniq"},
      {"application_statistics_agegroupstatistic",
       {"vacancy_id", "age_group_id"},
       "application_statistics_agegroupstatistic_vacancy_id_age_group_id_"
       "264ecbb7_uniq"},
      {"application_statistics_disabilitystatistic",
       {"vacancy_id", "disability_id"},
       "application_statistics_disabilitystatistic_vacancy_id_disability_id_"
       "ad940f8d_uniq"},
      {"application_statistics_ethnicgroupstatistic",
       {"vacancy_id", "ethnic_group_id"},
       "application_statistics_ethnicgroupstatistic_vacancy_id_ethnic_group_id_"
       "21fe0aa4_uniq"},
      {"application_statistics_ethnicitystatistic",
       {"vacancy_id", "ethnicity_id"},
       "application_statistics_ethnicitystatistic_vacancy_id_ethnicity_id_"
       "7ea41e9d_uniq"},
      {"application_statistics_genderstatistic",
       {"vacancy_id", "gender_id"},
       "application_statistics_genderstatistic_vacancy_id_gender_id_6e043d14_"
       "uniq"},
      {"application_statistics_religionstatistic",
       {"vacancy_id", "religion_id"},
       "application_statistics_religionstatistic_vacancy_id_religion_id_"
       "2f42496a_uniq"},
      {"application_statistics_sexualorientationstatistic",
       {"vacancy_id", "sexual_orientation_id"},
       "application_statistics_sexualorientationstatistic_vacancy_id_sexual_"
       "orientation_id_6587a285_uniq"},
  };
  return kNames;
}

}  // namespace jao::db::sqlite
