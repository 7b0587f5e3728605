#include "db/dependency_cache.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jao::db {
namespace {

using schema::Lookup;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string_view> Names(
    std::initializer_list<std::string_view> names) {
  return names;
}

TEST(DependencyCache, MissingIsDeduplicatedInFirstSeenOrder) {
  DependencyCache cache;
  cache.Add(Lookup::kGrade, "G7", 1);
  auto names = Names({"SEO", "G7", "HEO", "SEO", "g7"});

  EXPECT_THAT(cache.Missing(Lookup::kGrade, names),
              ElementsAre("SEO", "HEO", "g7"));
}

TEST(DependencyCache, LookupTablesAreSeparate) {
  DependencyCache cache;
  cache.Add(Lookup::kGrade, "Other", 1);
  auto names = Names({"Other"});

  EXPECT_THAT(cache.Missing(Lookup::kGrade, names), IsEmpty());
  EXPECT_THAT(cache.Missing(schema::LookupFor(Characteristic::kGender), names),
              ElementsAre("Other"));
}

TEST(DependencyCache, FindReturnsTheAddedId) {
  DependencyCache cache;
  cache.Add(Lookup::kDepartment, "HM Treasury", 12);
  EXPECT_EQ(cache.Find(Lookup::kDepartment, "HM Treasury"), 12);
  EXPECT_EQ(cache.Find(Lookup::kDepartment, "hm treasury"), std::nullopt);
}

TEST(DependencyCache, DiscardForgetsOnlyUncommittedNames) {
  DependencyCache cache;
  cache.Add(Lookup::kRoleType, "Policy", 1);
  cache.Commit();
  cache.Add(Lookup::kRoleType, "Digital", 2);

  cache.DiscardUncommitted();

  EXPECT_EQ(cache.Find(Lookup::kRoleType, "Policy"), 1);
  EXPECT_EQ(cache.Find(Lookup::kRoleType, "Digital"), std::nullopt);
}

TEST(DependencyCache, NamesNeededCollectsEveryLookupOfTheRecords) {
  VacancyRecord first;
  first.department = "DfE";
  first.grades = {"G7", "SEO"};
  first.role_types = {"Policy"};
  first.statistics = {{Characteristic::kGender, "Female", 100},
                      {Characteristic::kAgeGroup, "25-34", 100}};
  VacancyRecord second;
  second.department = "DfE";
  second.grades = {"HEO", "G7"};
  second.statistics = {{Characteristic::kGender, "Male", 100}};
  const VacancyRecord* records[] = {&first, &second};

  NamesByLookup names = DependencyCache::NamesNeeded(records);

  EXPECT_THAT(names[static_cast<int>(Lookup::kDepartment)], ElementsAre("DfE"));
  EXPECT_THAT(names[static_cast<int>(Lookup::kGrade)],
              ElementsAre("G7", "SEO", "HEO"));
  EXPECT_THAT(names[static_cast<int>(Lookup::kRoleType)],
              ElementsAre("Policy"));
  EXPECT_THAT(
      names[static_cast<int>(schema::LookupFor(Characteristic::kGender))],
      ElementsAre("Female", "Male"));
  EXPECT_THAT(
      names[static_cast<int>(schema::LookupFor(Characteristic::kAgeGroup))],
      ElementsAre("25-34"));
  EXPECT_THAT(
      names[static_cast<int>(schema::LookupFor(Characteristic::kReligion))],
      IsEmpty());
}

}  // namespace
}  // namespace jao::db
