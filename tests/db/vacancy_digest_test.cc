// The digests behind the change feed: expected outcomes are stated by hand
// (which field a record change touches), never read from a stored digest.
#include "db/vacancy_digest.h"

#include <gtest/gtest.h>

#include <string>

namespace jao::db {
namespace {

VacancyRecord Base() {
  VacancyRecord r;
  r.id = 7;
  r.last_updated_us = 1'700'000'000'000'000;
  r.live_date_us = 1'690'000'000'000'000;
  r.closing_date_us = 1'710'000'000'000'000;
  r.min_salary_hundredths = 3'000'000;
  r.title = "Policy Adviser";
  r.summary = "Summary";
  r.description = "A long description";
  r.department = "Cabinet Office";
  r.grades = {"G7", "SEO"};
  r.role_types = {"Policy"};
  r.total_applications = 12;
  r.statistics = {{Characteristic::kGender, "Female", 5000},
                  {Characteristic::kGender, "Male", 5000}};
  return r;
}

FieldMask Changed(const VacancyRecord& before, const VacancyRecord& after) {
  return ChangedFields(DigestOf(before), DigestOf(after));
}

TEST(VacancyDigest, EachFieldChangeNamesThatFieldOnly) {
  const VacancyRecord base = Base();
  struct Case {
    void (*change)(VacancyRecord&);
    StoredField field;
  };
  const Case cases[] = {
      {[](VacancyRecord& r) { r.title = "Policy Advisor"; },
       StoredField::kTitle},
      {[](VacancyRecord& r) { r.summary.reset(); }, StoredField::kSummary},
      {[](VacancyRecord& r) { r.description = "A long description."; },
       StoredField::kDescription},
      {[](VacancyRecord& r) { r.last_updated_us += 1; },
       StoredField::kLastUpdated},
      {[](VacancyRecord& r) { r.live_date_us -= 1; }, StoredField::kLiveDate},
      {[](VacancyRecord& r) { r.closing_date_us += 86'400'000'000; },
       StoredField::kClosingDate},
      {[](VacancyRecord& r) { r.min_salary_hundredths = 3'000'001; },
       StoredField::kMinSalary},
      {[](VacancyRecord& r) { r.max_salary_hundredths = 0; },
       StoredField::kMaxSalary},
      {[](VacancyRecord& r) { r.department = "HM Treasury"; },
       StoredField::kDepartment},
      {[](VacancyRecord& r) { r.grades.push_back("G6"); },
       StoredField::kGrades},
      {[](VacancyRecord& r) { r.role_types.clear(); }, StoredField::kRoleTypes},
      {[](VacancyRecord& r) { r.total_applications = 19; },
       StoredField::kStatistics},
      {[](VacancyRecord& r) { r.statistics[0].percent_hundredths = 5001; },
       StoredField::kStatistics},
  };
  for (const Case& c : cases) {
    VacancyRecord changed = Base();
    c.change(changed);
    EXPECT_EQ(Changed(base, changed), MaskOf(c.field))
        << StoredFieldName(c.field);
  }
  EXPECT_EQ(Changed(base, Base()), 0u);
}

TEST(VacancyDigest, ListsAreSetsAndTheirOrderChangesNothing) {
  VacancyRecord reordered = Base();
  std::swap(reordered.grades[0], reordered.grades[1]);
  std::swap(reordered.statistics[0], reordered.statistics[1]);
  EXPECT_EQ(Changed(Base(), reordered), 0u);
  // A group moving between two characteristics is a change.
  VacancyRecord moved = Base();
  moved.statistics[0].characteristic = Characteristic::kReligion;
  EXPECT_EQ(Changed(Base(), moved), MaskOf(StoredField::kStatistics));
}

TEST(VacancyDigest, AnEmptyTextIsNotANullOne) {
  VacancyRecord empty = Base();
  empty.summary = "";
  VacancyRecord null = Base();
  null.summary.reset();
  EXPECT_EQ(Changed(empty, null), MaskOf(StoredField::kSummary));
}

TEST(VacancyDigest, NothingKnownBeforeMeansEveryFieldChanged) {
  EXPECT_EQ(ChangedFields(std::nullopt, DigestOf(Base())), kAllFields);
  EXPECT_EQ(FieldNames(kAllFields, ","),
            "title,summary,description,last_updated,live_date,closing_date,"
            "min_salary,max_salary,department,grades,role_types,statistics");
  EXPECT_EQ(FieldNames(kTextFields, ";"), "title;summary;description");
}

TEST(VacancyDigest, EncodedDigestRoundTripsAndOtherBytesAreRefused) {
  const VacancyDigest digest = DigestOf(Base());
  const std::string bytes = EncodeDigest(digest);
  EXPECT_EQ(bytes.size(), 96u);
  EXPECT_EQ(DecodeDigest(bytes), digest);
  EXPECT_EQ(DecodeDigest(bytes.substr(1)), std::nullopt);
  EXPECT_EQ(DecodeDigest(""), std::nullopt);
}

TEST(VacancyDigest, HashDependsOnEveryByteAndTheLength) {
  const std::string text(37, 'a');
  for (size_t i = 0; i < text.size(); ++i) {
    std::string other = text;
    other[i] = 'b';
    EXPECT_NE(Hash64(text), Hash64(other)) << i;
  }
  EXPECT_NE(Hash64("a"), Hash64(std::string("a\0", 2)));
  EXPECT_NE(Hash64(""), Hash64(std::string(1, '\0')));
}

TEST(PlanFeedWrite, AFirstWriteOfTheRunComparesWithTheStoredDigest) {
  const VacancyDigest stored = DigestOf(Base());
  VacancyRecord later = Base();
  later.last_updated_us += 1;
  const FeedWrite plan =
      PlanFeedWrite(5, true, Base().last_updated_us,
                    StoredDigest{3, stored, std::nullopt}, DigestOf(later));
  EXPECT_EQ(plan.fields, MaskOf(StoredField::kLastUpdated));
  EXPECT_FALSE(plan.text_changed);
  EXPECT_EQ(plan.before, stored);
}

TEST(PlanFeedWrite, ASecondWriteInTheRunComparesWithTheStateBeforeTheRun) {
  const VacancyDigest before_run = DigestOf(Base());
  VacancyRecord first = Base();
  first.title = "Changed";
  first.last_updated_us += 1;
  VacancyRecord second = Base();  // the text back as it was
  second.last_updated_us += 2;
  const FeedWrite plan = PlanFeedWrite(
      5, true, first.last_updated_us,
      StoredDigest{5, DigestOf(first), before_run}, DigestOf(second));
  EXPECT_EQ(plan.fields, MaskOf(StoredField::kLastUpdated));
  EXPECT_FALSE(plan.text_changed);
  EXPECT_EQ(plan.before, before_run);
}

TEST(PlanFeedWrite, ADigestOfAnotherVersionThanTheStoredRowIsUnknown) {
  // The app changed the row since jao-ingest wrote it.
  VacancyRecord later = Base();
  later.last_updated_us += 10;
  const FeedWrite plan = PlanFeedWrite(
      5, true, Base().last_updated_us + 3,
      StoredDigest{3, DigestOf(Base()), std::nullopt}, DigestOf(later));
  EXPECT_EQ(plan.fields, kAllFields);
  EXPECT_TRUE(plan.text_changed);
  EXPECT_EQ(plan.before, std::nullopt);
}

TEST(PlanFeedWrite, ANewVacancyChangesEverythingWhateverRowWasLeft) {
  const FeedWrite plan = PlanFeedWrite(
      5, false, 0, StoredDigest{2, DigestOf(Base()), std::nullopt},
      DigestOf(Base()));
  EXPECT_EQ(plan.before, std::nullopt);
  EXPECT_EQ(plan.fields, kAllFields);
  EXPECT_TRUE(plan.text_changed);
}

TEST(PlanFeedWrite, WithoutARunNothingIsAgain) {
  const FeedWrite plan = PlanFeedWrite(
      0, true, Base().last_updated_us,
      StoredDigest{0, DigestOf(Base()), std::nullopt}, DigestOf(Base()));
  // Compared with the stored digest, not with its "before".
  EXPECT_EQ(plan.before, DigestOf(Base()));
  EXPECT_EQ(plan.fields, 0u);
}

}  // namespace
}  // namespace jao::db
