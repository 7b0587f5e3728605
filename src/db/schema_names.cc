// Name constants of the schema; see schema_names.h. The index and constraint
// names below are the output of `python3 scripts/django_names.py` (Django's
// _create_index_name: md5 of the table and column names, first 8 hex digits);
// regenerate them with it rather than editing by hand.
#include "db/schema_names.h"

#include <vector>

#include "db/target_schema.h"

namespace jao::db::schema {

const LookupTable& TableOf(Lookup lookup) {
  static const std::array<LookupTable, kNumLookups> kTables{{
      {kDepartmentTable, "name"},
      {kGradeTable, "description"},
      {kRoleTypeTable, "description"},
      {"application_statistics_agegroup", "description"},
      {"application_statistics_disability", "description"},
      {"application_statistics_ethnicgroup", "description"},
      {"application_statistics_ethnicity", "description"},
      {"application_statistics_gender", "description"},
      {"application_statistics_religion", "description"},
      {"application_statistics_sexualorientation", "description"},
  }};
  return kTables[static_cast<int>(lookup)];
}

std::optional<Lookup> LookupOfTable(std::string_view table) {
  for (int i = 0; i < kNumLookups; ++i) {
    const auto lookup = static_cast<Lookup>(i);
    if (TableOf(lookup).table == table) return lookup;
  }
  return std::nullopt;
}

std::span<const std::string_view> AllTables() {
  static const std::vector<std::string_view> kTables = [] {
    std::vector<std::string_view> names;
    for (const target::Table& table : target::Tables()) {
      names.push_back(table.name);
    }
    return names;
  }();
  return kTables;
}

std::span<const std::string_view> VacancyTables() {
  return AllTables().subspan(kNumLookups);
}

std::span<const ForeignKeyNames> ForeignKeys() {
  static const ForeignKeyNames kNames[] = {
      {"vacancies_vacancy", "department_id", "organisations_department",
       "vacancies_vacancy_department_id_c5656f94",
       "vacancies_vacancy_department_id_c5656f94",
       "vacancies_vacancy_department_id_c5656f94_fk_organisat"},
      {"vacancies_vacancygrade", "vacancy_id", "vacancies_vacancy",
       "vacancies_vacancygrade_vacancy_id_b771ce46",
       "vacancies_vacancygrade_vacancy_id_b771ce46",
       "vacancies_vacancygra_vacancy_id_b771ce46_fk_vacancies"},
      {"vacancies_vacancygrade", "grade_id", "roles_grade",
       "vacancies_vacancygrade_grade_id_c778e379",
       "vacancies_vacancygrade_grade_id_c778e379",
       "vacancies_vacancygrade_grade_id_c778e379_fk_roles_grade_id"},
      {"vacancies_vacancyroletype", "vacancy_id", "vacancies_vacancy",
       "vacancies_vacancyroletype_vacancy_id_34becf33",
       "vacancies_vacancyroletype_vacancy_id_34becf33",
       "vacancies_vacancyrol_vacancy_id_34becf33_fk_vacancies"},
      {"vacancies_vacancyroletype", "role_type_id", "roles_roletype",
       "vacancies_vacancyroletype_role_type_id_a254603b",
       "vacancies_vacancyroletype_role_type_id_a254603b",
       "vacancies_vacancyrol_role_type_id_a254603b_fk_roles_rol"},
      {"application_statistics_vacancystatistic", "vacancy_id",
       "vacancies_vacancy", "", "",
       "application_statisti_vacancy_id_53ab52bb_fk_vacancies"},
      {"application_statistics_agegroupstatistic", "vacancy_id",
       "vacancies_vacancy",
       "application_statistics_agegroupstatistic_vacancy_id_bddb4f63",
       "application_statistics_agegroupstatistic_vacancy_id_bddb4f63",
       "application_statisti_vacancy_id_bddb4f63_fk_vacancies"},
      {"application_statistics_agegroupstatistic", "age_group_id",
       "application_statistics_agegroup",
       "application_statistics_agegroupstatistic_age_group_id_b5c041f5",
       "application_statistics_agegroupstatistic_age_group_id_b5c041f5",
       "application_statisti_age_group_id_b5c041f5_fk_applicati"},
      {"application_statistics_disabilitystatistic", "vacancy_id",
       "vacancies_vacancy",
       "application_statistics_disabilitystatistic_vacancy_id_b82660f9",
       "application_statistics_disabilitystatistic_vacancy_id_b82660f9",
       "application_statisti_vacancy_id_b82660f9_fk_vacancies"},
      {"application_statistics_disabilitystatistic", "disability_id",
       "application_statistics_disability",
       "application_statistics_disabilitystatistic_disability_id_c815040f",
       "application_statistics_dis_disability_id_c815040f",
       "application_statisti_disability_id_c815040f_fk_applicati"},
      {"application_statistics_ethnicgroupstatistic", "vacancy_id",
       "vacancies_vacancy",
       "application_statistics_ethnicgroupstatistic_vacancy_id_eb8d2ecd",
       "application_statistics_ethnicgroupstatistic_vacancy_id_eb8d2ecd",
       "application_statisti_vacancy_id_eb8d2ecd_fk_vacancies"},
      {"application_statistics_ethnicgroupstatistic", "ethnic_group_id",
       "application_statistics_ethnicgroup",
       "application_statistics_ethnicgroupstatistic_ethnic_group_id_23defa3c",
       "application_statistics_eth_ethnic_group_id_23defa3c",
       "application_statisti_ethnic_group_id_23defa3c_fk_applicati"},
      {"application_statistics_ethnicitystatistic", "vacancy_id",
       "vacancies_vacancy",
       "application_statistics_ethnicitystatistic_vacancy_id_d5afa6ac",
       "application_statistics_ethnicitystatistic_vacancy_id_d5afa6ac",
       "application_statisti_vacancy_id_d5afa6ac_fk_vacancies"},
      {"application_statistics_ethnicitystatistic", "ethnicity_id",
       "application_statistics_ethnicity",
       "application_statistics_ethnicitystatistic_ethnicity_id_87204118",
       "application_statistics_ethnicitystatistic_ethnicity_id_87204118",
       "application_statisti_ethnicity_id_87204118_fk_applicati"},
      {"application_statistics_genderstatistic", "vacancy_id",
       "vacancies_vacancy",
       "application_statistics_genderstatistic_vacancy_id_c5a87779",
       "application_statistics_genderstatistic_vacancy_id_c5a87779",
       "application_statisti_vacancy_id_c5a87779_fk_vacancies"},
      {"application_statistics_genderstatistic", "gender_id",
       "application_statistics_gender",
       "application_statistics_genderstatistic_gender_id_5ebd49de",
       "application_statistics_genderstatistic_gender_id_5ebd49de",
       "application_statisti_gender_id_5ebd49de_fk_applicati"},
      {"application_statistics_religionstatistic", "vacancy_id",
       "vacancies_vacancy",
       "application_statistics_religionstatistic_vacancy_id_f91b7602",
       "application_statistics_religionstatistic_vacancy_id_f91b7602",
       "application_statisti_vacancy_id_f91b7602_fk_vacancies"},
      {"application_statistics_religionstatistic", "religion_id",
       "application_statistics_religion",
       "application_statistics_religionstatistic_religion_id_1fd30de6",
       "application_statistics_religionstatistic_religion_id_1fd30de6",
       "application_statisti_religion_id_1fd30de6_fk_applicati"},
      {"application_statistics_sexualorientationstatistic", "vacancy_id",
       "vacancies_vacancy",
       "application_statistics_sexualorientationstatistic_vacancy_id_b823e535",
       "application_statistics_sex_vacancy_id_b823e535",
       "application_statisti_vacancy_id_b823e535_fk_vacancies"},
      {"application_statistics_sexualorientationstatistic",
       "sexual_orientation_id", "application_statistics_sexualorientation",
       "application_statistics_sexualorientationstatistic_sexual_orientation_"
       "id_2dbecd1c",
       "application_statistics_sex_sexual_orientation_id_2dbecd1c",
       "application_statisti_sexual_orientation_i_2dbecd1c_fk_applicati"},
  };
  return kNames;
}

std::span<const UniqueTogetherNames> UniqueTogethers() {
  static const UniqueTogetherNames kNames[] = {
      {"vacancies_vacancygrade",
       {"vacancy_id", "grade_id"},
       "vacancies_vacancygrade_vacancy_id_grade_id_c244f03a_uniq",
       "vacancies_vacancygrade_vacancy_id_grade_id_c244f03a_uniq"},
      {"vacancies_vacancyroletype",
       {"vacancy_id", "role_type_id"},
       "vacancies_vacancyroletype_vacancy_id_role_type_id_0b790021_uniq",
       "vacancies_vacancyroletype_vacancy_id_role_type_id_0b790021_uniq"},
      {"application_statistics_agegroupstatistic",
       {"vacancy_id", "age_group_id"},
       "application_statistics_agegroupstatistic_vacancy_id_age_group_id_"
       "264ecbb7_uniq",
       "application_statistics_a_vacancy_id_age_group_id_264ecbb7_uniq"},
      {"application_statistics_disabilitystatistic",
       {"vacancy_id", "disability_id"},
       "application_statistics_disabilitystatistic_vacancy_id_disability_id_"
       "ad940f8d_uniq",
       "application_statistics_d_vacancy_id_disability_id_ad940f8d_uniq"},
      {"application_statistics_ethnicgroupstatistic",
       {"vacancy_id", "ethnic_group_id"},
       "application_statistics_ethnicgroupstatistic_vacancy_id_ethnic_group_id_"
       "21fe0aa4_uniq",
       "application_statistics_e_vacancy_id_ethnic_group__21fe0aa4_uniq"},
      {"application_statistics_ethnicitystatistic",
       {"vacancy_id", "ethnicity_id"},
       "application_statistics_ethnicitystatistic_vacancy_id_ethnicity_id_"
       "7ea41e9d_uniq",
       "application_statistics_e_vacancy_id_ethnicity_id_7ea41e9d_uniq"},
      {"application_statistics_genderstatistic",
       {"vacancy_id", "gender_id"},
       "application_statistics_genderstatistic_vacancy_id_gender_id_6e043d14_"
       "uniq",
       "application_statistics_g_vacancy_id_gender_id_6e043d14_uniq"},
      {"application_statistics_religionstatistic",
       {"vacancy_id", "religion_id"},
       "application_statistics_religionstatistic_vacancy_id_religion_id_"
       "2f42496a_uniq",
       "application_statistics_r_vacancy_id_religion_id_2f42496a_uniq"},
      {"application_statistics_sexualorientationstatistic",
       {"vacancy_id", "sexual_orientation_id"},
       "application_statistics_sexualorientationstatistic_vacancy_id_sexual_"
       "orientation_id_6587a285_uniq",
       "application_statistics_s_vacancy_id_sexual_orient_6587a285_uniq"},
  };
  return kNames;
}

std::span<const LikeIndexNames> LikeIndexes() {
  static const LikeIndexNames kNames[] = {
      {"organisations_department", "name",
       "organisations_department_name_211b417c_like"},
      {"roles_grade", "description", "roles_grade_description_3e810a5a_like"},
      {"roles_roletype", "description",
       "roles_roletype_description_a35699a6_like"},
      {"application_statistics_agegroup", "description",
       "application_statistics_agegroup_description_d85165fc_like"},
      {"application_statistics_disability", "description",
       "application_statistics_disability_description_80ad8655_like"},
      {"application_statistics_ethnicgroup", "description",
       "application_statistics_ethnicgroup_description_e36c4286_like"},
      {"application_statistics_ethnicity", "description",
       "application_statistics_ethnicity_description_3fdbb7c7_like"},
      {"application_statistics_gender", "description",
       "application_statistics_gender_description_e827a647_like"},
      {"application_statistics_religion", "description",
       "application_statistics_religion_description_fac95abe_like"},
      {"application_statistics_sexualorientation", "description",
       "application_statistics_s_description_211a5db9_like"},
  };
  return kNames;
}

}  // namespace jao::db::schema
