// The Loader contract (db/loader.h) checked once for every backend: newer
// wins, dependencies created once, feed rows, text release and failing
// chunks. Loaders are opened only through the scheme table (OpenLoader,
// db/backends.h) as the commands open them; what they wrote is read back
// with plain SQL on the test's own connection (SqliteProbe, or a plain
// PostgreSQL connection), written so that it reads the same on both.
// Expected values are typed from each test's own records and the spec.
//
// Instances: SQLite; PostgreSQL as the suite's superuser (the chunked path
// without foreign-key triggers); PostgreSQL as a plain role owning the
// database (the chunked path with them); each with LoaderOptions::first_load
// off and on. The PostgreSQL instances skip outside scripts/with-postgres.sh.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "common/status_matchers_support.h"
#include "db/backends.h"
#include "db/postgres/test_support.h"
#include "db/sqlite/test_support.h"
#include "db/vacancy_digest.h"

namespace jao::db {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// 2023-01-01 00:00:00 UTC (date -u -d 2023-01-01 +%s = 1672531200), in
// microseconds, and what the timestamps below read as.
constexpr int64_t kT0 = 1'672'531'200'000'000;
constexpr int64_t kHour = 3'600'000'000;
constexpr const char* kT0Text = "1672531200000000";
constexpr const char* kT0Plus1UsText = "1672531200000001";
constexpr int64_t kFraction = 123'456;  // a time of day off the second
constexpr const char* kT0Plus1HAndFractionText = "1672534800123456";
constexpr const char* kT0Plus2HText = "1672538400000000";

// The database under test, as the test reads and changes it.
class TestDatabase {
 public:
  virtual ~TestDatabase() = default;
  // Creates it (may GTEST_SKIP or fail fatally: the caller checks).
  virtual void Start() = 0;
  // The --db argument that names it.
  virtual std::string Target() const = 0;
  // The first column of each row, NULL as "NULL".
  virtual std::vector<std::string> Column(const std::string& sql) = 0;
  virtual void Exec(const std::string& sql) = 0;
  // An SQL expression: the datetime `column` as microseconds since 1970.
  virtual std::string Micros(const std::string& column) const = 0;
  // Makes the database refuse a gender statistic row above 90 percent, and
  // what its refusal says (the database's message, with the table); Allow takes
  // the refusal away.
  virtual void Refuse() = 0;
  virtual std::string RefusalText() const = 0;
  virtual void Allow() = 0;
  // Whether a loader releases a chunk's text early in a run begun on empty
  // tables (db/sqlite/loader.h, db/postgres/loader.h).
  virtual bool ReleasesTextEarly(bool first_load) const = 0;
};

class SqliteDatabase : public TestDatabase {
 public:
  void Start() override {
    probe_ = std::make_unique<testing::SqliteProbe>(path_);
  }
  std::string Target() const override { return "sqlite:///" + path_; }
  std::vector<std::string> Column(const std::string& sql) override {
    return probe_->Rows(sql);
  }
  void Exec(const std::string& sql) override { probe_->Exec(sql); }
  // Django's text 'YYYY-MM-DD HH:MM:SS[.ffffff]': whole seconds, then the
  // six digits after the point (none: zero).
  std::string Micros(const std::string& column) const override {
    return "(CAST(strftime('%s', " + column +
           ") AS integer) * 1000000 + CAST(substr(" + column +
           " || '.000000', 21, 6) AS integer))";
  }
  void Refuse() override {
    Exec(
        "CREATE TRIGGER contract_refuse BEFORE INSERT ON "
        "application_statistics_genderstatistic WHEN "
        "NEW.percent_applications > 90 BEGIN SELECT RAISE(ABORT, 'percent "
        "too high'); END");
  }
  std::string RefusalText() const override {
    return "application_statistics_genderstatistic: percent too high";
  }
  void Allow() override { Exec("DROP TRIGGER contract_refuse"); }
  bool ReleasesTextEarly(bool) const override { return true; }

 private:
  testing::TempDir dir_;
  std::string path_ = dir_.File("jao.sqlite3");
  std::unique_ptr<testing::SqliteProbe> probe_;
};

class PostgresDatabase : public TestDatabase {
 public:
  // `as_owner`: the loader connects as a plain role that owns the database
  // (no session_replication_role), else as the suite's superuser.
  explicit PostgresDatabase(bool as_owner) : as_owner_(as_owner) {}
  ~PostgresDatabase() override {
    if (!role_.empty()) {
      pg_.Drop();
      (void)pg_.admin().Exec("DROP ROLE IF EXISTS " + role_);
    }
  }
  void Start() override {
    pg_.Create();
    if (::testing::Test::IsSkipped() || ::testing::Test::HasFatalFailure()) {
      return;
    }
    ASSERT_THAT(pg_.db().Exec("SET TIME ZONE 'UTC'"), IsOk());
    if (!as_owner_) return;
    role_ = pg_.database() + "_owner";
    ASSERT_THAT(pg_.admin().Exec("CREATE ROLE " + role_ +
                                 " LOGIN PASSWORD 'pw' NOSUPERUSER; "
                                 "ALTER DATABASE " +
                                 pg_.database() + " OWNER TO " + role_),
                IsOk());
  }
  std::string Target() const override {
    if (!as_owner_) return pg_.Conninfo();
    return "host='" + pg_.host() + "' port='" + pg_.port() + "' user='" +
           role_ + "' password='pw' dbname='" + pg_.database() + "'";
  }
  std::vector<std::string> Column(const std::string& sql) override {
    std::vector<std::string> values;
    auto result = pg_.db().Exec(sql);
    EXPECT_THAT(result, IsOk()) << sql;
    if (!result.ok()) return values;
    for (int row = 0; row < result->rows(); ++row) {
      values.push_back(
          result->IsNull(row, 0) ? "NULL" : std::string(result->Text(row, 0)));
    }
    return values;
  }
  void Exec(const std::string& sql) override {
    EXPECT_THAT(pg_.db().Exec(sql), IsOk()) << sql;
  }
  std::string Micros(const std::string& column) const override {
    return "CAST(extract(epoch FROM " + column + ") * 1000000 AS bigint)";
  }
  void Refuse() override {
    Exec(
        "ALTER TABLE application_statistics_genderstatistic ADD CONSTRAINT "
        "contract_refuse CHECK (percent_applications <= 90)");
  }
  std::string RefusalText() const override {
    return "new row for relation \"application_statistics_genderstatistic\" "
           "violates check constraint \"contract_refuse\"";
  }
  void Allow() override {
    Exec(
        "ALTER TABLE application_statistics_genderstatistic DROP CONSTRAINT "
        "contract_refuse");
  }
  bool ReleasesTextEarly(bool first_load) const override { return first_load; }

 private:
  bool as_owner_;
  postgres::PgTestDatabase pg_;
  std::string role_;
};

enum class Backend { kSqlite, kPostgresql, kPostgresqlOwner };

struct ContractCase {
  Backend backend;
  bool first_load;
};

std::string CaseName(const ContractCase& c) {
  const char* backend = c.backend == Backend::kSqlite ? "sqlite"
                        : c.backend == Backend::kPostgresql
                            ? "postgresql"
                            : "postgresql_owner";
  return std::string(backend) + (c.first_load ? "_first_load" : "_chunked");
}

void PrintTo(const ContractCase& c, std::ostream* os) { *os << CaseName(c); }

std::string TestNameOf(const ::testing::TestParamInfo<ContractCase>& param) {
  return CaseName(param.param);
}

// "inserted i, updated u, skipped s, deleted d" of `table` in `counts`.
std::string CountsOf(const LoadCounts& counts, const std::string& table) {
  TableCounts c;
  if (auto it = counts.find(table); it != counts.end()) c = it->second;
  return "inserted " + std::to_string(c.inserted) + ", updated " +
         std::to_string(c.updated) + ", skipped " + std::to_string(c.skipped) +
         ", deleted " + std::to_string(c.deleted);
}

StatisticValue Gender(std::string_view group, int32_t hundredths) {
  return {Characteristic::kGender, group, hundredths};
}

VacancyRecord Vacancy(int32_t id, int64_t last_updated_us,
                      std::string_view title) {
  VacancyRecord record;
  record.id = id;
  record.last_updated_us = last_updated_us;
  record.live_date_us = kT0;
  record.closing_date_us = kT0 + 24 * kHour;
  record.title = title;
  return record;
}

Chunk ChunkOf(std::vector<VacancyRecord> records) {
  Chunk chunk;
  chunk.records = std::move(records);
  return chunk;
}

class LoaderContractTest : public ::testing::TestWithParam<ContractCase> {
 protected:
  void SetUp() override {
    switch (GetParam().backend) {
      case Backend::kSqlite:
        db_ = std::make_unique<SqliteDatabase>();
        break;
      case Backend::kPostgresql:
        db_ = std::make_unique<PostgresDatabase>(false);
        break;
      case Backend::kPostgresqlOwner:
        db_ = std::make_unique<PostgresDatabase>(true);
        break;
    }
    db_->Start();
    if (IsSkipped() || HasFatalFailure()) return;
    // The schema exists before the test's own SQL touches it.
    ASSERT_NE(Open(), nullptr);
  }

  bool first_load() const { return GetParam().first_load; }

  // A loader opened through the scheme table, its EnsureSchema done.
  std::unique_ptr<Loader> Open() {
    LoaderOptions options;
    options.lock_timeout_ms = 10'000;
    options.first_load = first_load();
    auto loader = OpenLoader(db_->Target(), options);
    EXPECT_THAT(loader, IsOk());
    if (!loader.ok()) return nullptr;
    Status status = (*loader)->EnsureSchema();
    EXPECT_THAT(status, IsOk());
    return status.ok() ? std::move(*loader) : nullptr;
  }

  static LoadCounts Load(Loader& loader, std::vector<VacancyRecord> records) {
    Result<LoadCounts> counts = loader.LoadChunk(ChunkOf(std::move(records)));
    EXPECT_THAT(counts, IsOk());
    return counts.ok() ? *counts : LoadCounts{};
  }

  static int64_t Begin(Loader& loader) {
    Result<int64_t> id = loader.BeginRun({R"(["a.parquet"])", "contract"});
    EXPECT_THAT(id, IsOk());
    return id.ok() ? *id : 0;
  }

  // One run as the pipeline makes it, on a loader of its own: BeginRun
  // (with `feed`), the chunks, Finish, EndRun. Each chunk's counts.
  std::vector<LoadCounts> Run(std::vector<std::vector<VacancyRecord>> chunks,
                              bool feed = true) {
    std::vector<LoadCounts> counts;
    auto loader = Open();
    if (loader == nullptr) return counts;
    if (feed) Begin(*loader);
    for (auto& chunk : chunks) counts.push_back(Load(*loader, chunk));
    EXPECT_THAT(loader->Finish(), IsOk());
    EXPECT_THAT(loader->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
    last_load_path_ = loader->LoadPath();
    return counts;
  }

  std::vector<std::string> Column(const std::string& sql) {
    return db_->Column(sql);
  }
  std::string Count(const std::string& table) {
    std::vector<std::string> rows =
        Column("SELECT count(*) FROM \"" + table + "\"");
    return rows.size() == 1 ? rows[0] : "<no count>";
  }
  std::string Micros(const std::string& column) const {
    return db_->Micros(column);
  }

  std::unique_ptr<TestDatabase> db_;
  std::string last_load_path_;  // of the last Run
};

// Insert, a strictly newer row updated (links and statistics replaced,
// is_deleted kept), an equal or older one skipped; a vacancy that comes
// twice in one run updated within it; the counts of each chunk.
TEST_P(LoaderContractTest, NewerWinsAndItsCounts) {
  VacancyRecord seven = Vacancy(7, kT0, "First");
  seven.description = "Seven";
  seven.department = "DfE";
  seven.min_salary_hundredths = 2'500'000;
  seven.grades = {"G7", "SEO"};
  seven.role_types = {"Policy"};
  seven.total_applications = 12;
  seven.statistics = {Gender("Female", 5'000),
                      Gender("Male", 5'000),
                      {Characteristic::kAgeGroup, "25-34", 10'000}};
  VacancyRecord eight = Vacancy(8, kT0 + kHour + kFraction, "Eight");
  eight.grades = {"HEO"};
  VacancyRecord nine = Vacancy(9, kT0 + kHour, "Nine");
  nine.grades = {"HEO"};
  nine.total_applications = 5;
  VacancyRecord nine_again = Vacancy(9, kT0 + 2 * kHour, "Nine again");
  nine_again.grades = {"HEO"};
  nine_again.total_applications = 6;

  std::vector<LoadCounts> first = Run({{seven, eight, nine}, {nine_again}});
  ASSERT_EQ(first.size(), 2u);
  // Into empty tables with the option, the run was a first load; the
  // next one, into tables with rows, is chunked.
  EXPECT_EQ(last_load_path_.starts_with("first load"), first_load())
      << last_load_path_;
  EXPECT_EQ(CountsOf(first[0], "vacancies_vacancy"),
            "inserted 3, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "vacancies_vacancygrade"),
            "inserted 4, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "vacancies_vacancyroletype"),
            "inserted 1, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "roles_grade"),
            "inserted 3, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "roles_roletype"),
            "inserted 1, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "organisations_department"),
            "inserted 1, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "application_statistics_gender"),
            "inserted 2, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "application_statistics_genderstatistic"),
            "inserted 2, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "application_statistics_agegroupstatistic"),
            "inserted 1, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[0], "application_statistics_vacancystatistic"),
            "inserted 3, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[1], "vacancies_vacancy"),
            "inserted 0, updated 1, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(first[1], "vacancies_vacancygrade"),
            "inserted 1, updated 0, skipped 0, deleted 1");
  EXPECT_EQ(CountsOf(first[1], "application_statistics_vacancystatistic"),
            "inserted 0, updated 1, skipped 0, deleted 0");

  db_->Exec("UPDATE vacancies_vacancy SET is_deleted = true WHERE id = 7");
  const std::vector<std::string> seven_statistic_id = Column(
      "SELECT id FROM application_statistics_vacancystatistic WHERE "
      "vacancy_id = 7");
  // 7 newer by one microsecond (its total and salary now absent), 8 equal to
  // the microsecond, 9 older than its second version, 10 new. The skipped
  // ones name lookups nobody has.
  VacancyRecord seven_newer = Vacancy(7, kT0 + 1, "Second");
  seven_newer.description = "Seven";
  seven_newer.grades = {"G6"};
  seven_newer.statistics = {Gender("Female", 6'000)};
  VacancyRecord eight_equal = Vacancy(8, kT0 + kHour + kFraction, "Equal");
  eight_equal.grades = {"X1"};
  eight_equal.department = "Equal Dept";
  VacancyRecord nine_older = Vacancy(9, kT0 + kHour, "Older");
  nine_older.grades = {"X2"};

  std::vector<LoadCounts> second =
      Run({{seven_newer, eight_equal, nine_older, Vacancy(10, kT0, "Ten")}});
  ASSERT_EQ(second.size(), 1u);
  EXPECT_FALSE(last_load_path_.starts_with("first load")) << last_load_path_;
  EXPECT_EQ(CountsOf(second[0], "vacancies_vacancy"),
            "inserted 1, updated 1, skipped 2, deleted 0");
  EXPECT_EQ(CountsOf(second[0], "vacancies_vacancygrade"),
            "inserted 1, updated 0, skipped 0, deleted 2");
  EXPECT_EQ(CountsOf(second[0], "vacancies_vacancyroletype"),
            "inserted 0, updated 0, skipped 0, deleted 1");
  EXPECT_EQ(CountsOf(second[0], "application_statistics_genderstatistic"),
            "inserted 1, updated 0, skipped 0, deleted 2");
  EXPECT_EQ(CountsOf(second[0], "application_statistics_agegroupstatistic"),
            "inserted 0, updated 0, skipped 0, deleted 1");
  EXPECT_EQ(CountsOf(second[0], "application_statistics_vacancystatistic"),
            "inserted 1, updated 1, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(second[0], "roles_grade"),
            "inserted 1, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(CountsOf(second[0], "organisations_department"),
            "inserted 0, updated 0, skipped 0, deleted 0");

  EXPECT_THAT(
      Column("SELECT v.id || '|' || v.title || '|' || " +
             Micros("v.last_updated") +
             " || '|' || CAST(v.is_deleted AS integer) || '|' || "
             "coalesce(d.name, 'none') || '|' || "
             "coalesce(CAST(CAST(round(v.min_salary * 100) AS integer) AS "
             "text), 'none') FROM vacancies_vacancy AS v LEFT JOIN "
             "organisations_department AS d ON d.id = v.department_id "
             "ORDER BY v.id"),
      ElementsAre(
          std::string("7|Second|") + kT0Plus1UsText + "|1|none|none",
          std::string("8|Eight|") + kT0Plus1HAndFractionText + "|0|none|none",
          std::string("9|Nine again|") + kT0Plus2HText + "|0|none|none",
          std::string("10|Ten|") + kT0Text + "|0|none|none"));
  EXPECT_THAT(Column("SELECT l.vacancy_id || ':' || g.description FROM "
                     "vacancies_vacancygrade AS l JOIN roles_grade AS g ON "
                     "g.id = l.grade_id ORDER BY l.vacancy_id, g.description"),
              ElementsAre("7:G6", "8:HEO", "9:HEO"));
  EXPECT_EQ(Count("vacancies_vacancyroletype"), "0");
  EXPECT_THAT(
      Column("SELECT s.vacancy_id || '|' || g.description || '|' || "
             "CAST(round(s.percent_applications * 100) AS integer) || '|' || " +
             Micros("s.updated_at") +
             " FROM application_statistics_genderstatistic AS s JOIN "
             "application_statistics_gender AS g ON g.id = s.gender_id"),
      ElementsAre(std::string("7|Female|6000|") + kT0Plus1UsText));
  EXPECT_EQ(Count("application_statistics_agegroupstatistic"), "0");
  EXPECT_THAT(
      Column("SELECT vacancy_id || '|' || coalesce(CAST(total_applications "
             "AS text), 'none') || '|' || " +
             Micros("updated_at") +
             " FROM application_statistics_vacancystatistic ORDER BY "
             "vacancy_id"),
      ElementsAre(std::string("7|none|") + kT0Plus1UsText,
                  std::string("8|none|") + kT0Plus1HAndFractionText,
                  std::string("9|6|") + kT0Plus2HText,
                  std::string("10|none|") + kT0Text));
  // The one vacancy statistic row of 7 is rewritten, not replaced.
  EXPECT_EQ(Column("SELECT id FROM application_statistics_vacancystatistic "
                   "WHERE vacancy_id = 7"),
            seven_statistic_id);
  // Nothing of the skipped rows was created.
  EXPECT_THAT(Column("SELECT description FROM roles_grade ORDER BY 1"),
              ElementsAre("G6", "G7", "HEO", "SEO"));
  EXPECT_THAT(Column("SELECT name FROM organisations_department"),
              ElementsAre("DfE"));
}

TEST_P(LoaderContractTest, EmptyChunkWritesNothing) {
  std::vector<LoadCounts> counts = Run({{}});
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(CountsOf(counts[0], "vacancies_vacancy"),
            "inserted 0, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(Count("vacancies_vacancy"), "0");
  EXPECT_EQ(Count("jao_ingest_change"), "0");
}

// Lookup rows are created once, by the first chunk that names them, and
// found again by later chunks, by a second loader with a cache of its
// own, and when the database held them before the first run.
TEST_P(LoaderContractTest, DependenciesAreCreatedOnceAndReused) {
  db_->Exec("INSERT INTO roles_grade (description) VALUES ('G5')");
  VacancyRecord one = Vacancy(1, kT0, "One");
  one.department = "DfE";
  one.grades = {"G7", "G5"};
  one.role_types = {"Digital"};
  one.statistics = {Gender("Female", 4'000),
                    {Characteristic::kEthnicity, "White", 5'000}};
  VacancyRecord two = Vacancy(2, kT0, "Two");
  two.department = "DfE";
  two.grades = {"G7"};
  two.role_types = {"Digital"};
  two.statistics = {Gender("Female", 3'000)};
  VacancyRecord three = Vacancy(3, kT0, "Three");
  three.department = "HMT";
  three.grades = {"G5"};
  three.statistics = {Gender("female", 1'000)};  // another name: case counts
  VacancyRecord four = Vacancy(4, kT0, "Four");
  four.department = "DfE";
  four.grades = {"G7", "G5", "G6"};
  four.role_types = {"Digital"};
  four.statistics = {Gender("Female", 2'000), Gender("female", 100)};

  std::vector<LoadCounts> first = Run({{one}, {two, three}});
  std::vector<LoadCounts> second = Run({{four}});

  ASSERT_EQ(first.size(), 2u);
  ASSERT_EQ(second.size(), 1u);
  const char* kLookups[] = {"organisations_department", "roles_grade",
                            "roles_roletype", "application_statistics_gender",
                            "application_statistics_ethnicity"};
  auto inserted = [&](const LoadCounts& counts) {
    std::string line;
    for (const char* table : kLookups) {
      auto it = counts.find(table);
      line += std::to_string(it == counts.end() ? 0 : it->second.inserted);
    }
    return line;
  };
  // department, grade, role type, gender, ethnicity
  EXPECT_EQ(inserted(first[0]), "11111");   // G5 was there
  EXPECT_EQ(inserted(first[1]), "10010");   // HMT, "female"
  EXPECT_EQ(inserted(second[0]), "01000");  // G6
  EXPECT_THAT(Column("SELECT name FROM organisations_department ORDER BY 1"),
              ElementsAre("DfE", "HMT"));
  EXPECT_THAT(Column("SELECT description FROM roles_grade ORDER BY 1"),
              ElementsAre("G5", "G6", "G7"));
  EXPECT_EQ(Count("roles_roletype"), "1");
  EXPECT_THAT(Column("SELECT description FROM application_statistics_gender "
                     "ORDER BY 1"),
              ElementsAre("Female", "female"));
  EXPECT_EQ(Count("application_statistics_ethnicity"), "1");
  EXPECT_THAT(
      Column("SELECT l.vacancy_id || ':' || g.description FROM "
             "vacancies_vacancygrade AS l JOIN roles_grade AS g ON g.id = "
             "l.grade_id ORDER BY l.vacancy_id, g.description"),
      ElementsAre("1:G5", "1:G7", "2:G7", "3:G5", "4:G5", "4:G6", "4:G7"));
  EXPECT_THAT(
      Column("SELECT count(DISTINCT department_id) FROM vacancies_vacancy "
             "WHERE id IN (1, 2, 4)"),
      ElementsAre("1"));
  EXPECT_THAT(
      Column("SELECT s.vacancy_id || ':' || g.description FROM "
             "application_statistics_genderstatistic AS s JOIN "
             "application_statistics_gender AS g ON g.id = s.gender_id ORDER "
             "BY s.vacancy_id, g.description"),
      ElementsAre("1:Female", "2:Female", "3:female", "4:Female", "4:female"));
}

// A run's row opened by BeginRun and closed by EndRun with its outcome;
// one change row per vacancy inserted or updated, none for a skipped one;
// a loader without BeginRun writes no feed.
TEST_P(LoaderContractTest, FeedRowsFollowWhatEachChunkWrote) {
  int64_t run_a = 0, run_b = 0, run_c = 0;
  {
    auto loader = Open();
    ASSERT_NE(loader, nullptr);
    run_a = Begin(*loader);
    EXPECT_THAT(Column("SELECT coalesce(outcome, 'open') || '|' || files || "
                       "'|' || tool_version || '|' || "
                       "coalesce(CAST(finished_at AS text), 'none') FROM "
                       "jao_ingest_run"),
                ElementsAre(R"(open|["a.parquet"]|contract|none)"));
    Load(*loader, {Vacancy(1, kT0, "One"), Vacancy(2, kT0, "Two")});
    ASSERT_THAT(loader->Finish(), IsOk());
    ASSERT_THAT(loader->EndRun(RunOutcome::kCompleted, R"({"n":2})"), IsOk());
  }
  {
    auto loader = Open();
    ASSERT_NE(loader, nullptr);
    run_b = Begin(*loader);
    // 1 newer, 2 equal, 3 new; then 4 new, 1 older, 3 newer.
    Load(*loader, {Vacancy(1, kT0 + kHour, "One"), Vacancy(2, kT0, "Two"),
                   Vacancy(3, kT0, "Three")});
    Load(*loader, {Vacancy(4, kT0, "Four"), Vacancy(1, kT0, "One"),
                   Vacancy(3, kT0 + kHour, "Three")});
    ASSERT_THAT(loader->Finish(), IsOk());
    ASSERT_THAT(loader->EndRun(RunOutcome::kInterrupted, "{}"), IsOk());
  }
  {
    auto loader = Open();  // nothing new: a run and no change
    ASSERT_NE(loader, nullptr);
    run_c = Begin(*loader);
    Load(*loader, {Vacancy(1, kT0 + kHour, "One"), Vacancy(2, kT0, "Two")});
    ASSERT_THAT(loader->Finish(), IsOk());
    ASSERT_THAT(loader->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  }
  {
    auto loader = Open();  // no BeginRun: no feed; EndRun has no run
    ASSERT_NE(loader, nullptr);
    Load(*loader,
         {Vacancy(5, kT0, "Five"), Vacancy(1, kT0 + 2 * kHour, "One later")});
    ASSERT_THAT(loader->Finish(), IsOk());
    ASSERT_THAT(loader->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  }

  EXPECT_LT(run_a, run_b);
  EXPECT_LT(run_b, run_c);
  const std::string a = std::to_string(run_a), b = std::to_string(run_b);
  EXPECT_THAT(
      Column("SELECT run_id || '|' || vacancy_id || '|' || change FROM "
             "jao_ingest_change ORDER BY run_id, vacancy_id"),
      ElementsAre(a + "|1|inserted", a + "|2|inserted", b + "|1|updated",
                  b + "|3|inserted", b + "|4|inserted"));
  // Issue 23: one line a vacancy and run (3, inserted then updated in the
  // same run, stays inserted), relative to the state before the run: 1
  // changed only its version; an inserted one changed everything.
  const std::string last_updated =
      std::to_string(MaskOf(StoredField::kLastUpdated));
  EXPECT_THAT(Column("SELECT run_id || '|' || vacancy_id || '|' || "
                     "CAST(text_changed AS integer) || '|' || fields FROM "
                     "jao_ingest_change ORDER BY run_id, vacancy_id"),
              ElementsAre(a + "|1|1|" + std::to_string(kAllFields),
                          a + "|2|1|" + std::to_string(kAllFields),
                          b + "|1|0|" + last_updated,
                          b + "|3|1|" + std::to_string(kAllFields),
                          b + "|4|1|" + std::to_string(kAllFields)));
  EXPECT_THAT(
      Column("SELECT id || '|' || outcome || '|' || counts || '|' || "
             "CAST(finished_at >= started_at AS integer) FROM jao_ingest_run "
             "ORDER BY id"),
      ElementsAre(a + R"(|completed|{"n":2}|1)", b + "|interrupted|{}|1",
                  std::to_string(run_c) + "|completed|{}|1"));
  EXPECT_THAT(Column("SELECT id FROM vacancies_vacancy ORDER BY id"),
              ElementsAre("1", "2", "3", "4", "5"));
}

// Issue 23: each line names the stored fields that differ from what the
// database held before the run, and whether the embedded text (title,
// summary, description) is among them. Disjoint vacancies of a later run
// change one thing each; a vacancy written twice in one run has one line,
// compared with the state before the run (6 changes its title and then
// takes it back: no text change). A loader without run keeps the digests
// too: a later run compares with what it wrote. Expected fields typed from
// the records below.
// Issue 23: a vacancy the run wrote, that the app deletes while the run
// goes on and a later chunk of the run writes again, keeps one line:
// inserted (the run inserted it, both times), every field changed. Before,
// the second insert added a second 'inserted' line for the same run.
TEST_P(LoaderContractTest, VacancyDeletedAndWrittenAgainInARunKeepsOneLine) {
  if (first_load()) {
    GTEST_SKIP() << "a first load is one transaction: nothing is deleted "
                    "between its chunks";
  }
  auto loader = Open();
  ASSERT_NE(loader, nullptr);
  const int64_t run = Begin(*loader);
  Load(*loader, {Vacancy(7, kT0, "Seven"), Vacancy(8, kT0, "Eight")});
  db_->Exec(
      "DELETE FROM application_statistics_vacancystatistic WHERE "
      "vacancy_id = 7");
  db_->Exec("DELETE FROM vacancies_vacancy WHERE id = 7");
  Load(*loader, {Vacancy(7, kT0 + kHour, "Seven again")});
  ASSERT_THAT(loader->Finish(), IsOk());
  ASSERT_THAT(loader->EndRun(RunOutcome::kCompleted, "{}"), IsOk());
  const std::string r = std::to_string(run);
  EXPECT_THAT(Column("SELECT run_id || '|' || vacancy_id || '|' || change || "
                     "'|' || CAST(text_changed AS integer) || '|' || fields "
                     "FROM jao_ingest_change ORDER BY run_id, vacancy_id"),
              ElementsAre(r + "|7|inserted|1|" + std::to_string(kAllFields),
                          r + "|8|inserted|1|" + std::to_string(kAllFields)));
  EXPECT_THAT(Column("SELECT title FROM vacancies_vacancy ORDER BY id"),
              ElementsAre("Seven again", "Eight"));
}

TEST_P(LoaderContractTest, FeedLinesNameTheFieldsTheRunChanged) {
  auto base = [](int32_t id) {
    VacancyRecord r = Vacancy(id, kT0, "Title");
    r.summary = "Summary";
    r.description = "Description";
    r.department = "DfE";
    r.min_salary_hundredths = 3'000'000;
    r.grades = {"G7", "SEO"};
    r.role_types = {"Policy"};
    r.total_applications = 5;
    r.statistics = {Gender("Female", 5'000), Gender("Male", 5'000)};
    return r;
  };
  // Later versions: `id`'s base record one hour on, then `change` applied.
  auto later = [&](int32_t id, int64_t hours, auto change) {
    VacancyRecord r = base(id);
    r.last_updated_us = kT0 + hours * kHour;
    change(r);
    return r;
  };
  auto same = [](VacancyRecord&) {};
  // Run A (a first load with the option): 1..8; 9 written twice, the
  // second time newer: one line, inserted.
  std::vector<VacancyRecord> first;
  for (int32_t id = 1; id <= 9; ++id) first.push_back(base(id));
  Run({first, {later(9, 1, [](VacancyRecord& r) { r.title = "Nine"; })}});

  auto description = later(
      1, 1, [](VacancyRecord& r) { r.description = "Description, revised"; });
  auto title = later(2, 1, [](VacancyRecord& r) { r.title = "New title"; });
  auto statistic = later(3, 1, [](VacancyRecord& r) {
    r.statistics = {Gender("Female", 6'000), Gender("Male", 4'000)};
  });
  auto total = later(4, 1, [](VacancyRecord& r) { r.total_applications = 12; });
  auto version = later(5, 1, same);
  auto grades = later(6, 1, [](VacancyRecord& r) {
    r.grades = {"SEO", "G7"};
    r.statistics = {Gender("Male", 5'000), Gender("Female", 5'000)};
  });
  // 7: the title changed in the first chunk, back in the second.
  auto seven_changed =
      later(7, 1, [](VacancyRecord& r) { r.title = "Seven for a while"; });
  auto seven_back = later(7, 2, same);
  // 8 stays as it was (an equal version: skipped, no line); 10 is new.
  Run({{description, title, statistic, total, version, grades, seven_changed,
        base(8)},
       {seven_back, Vacancy(10, kT0, "Ten")}});

  auto mask = [](std::initializer_list<StoredField> fields) {
    FieldMask m = 0;
    for (StoredField f : fields) m |= MaskOf(f);
    return std::to_string(m);
  };
  using F = StoredField;
  const std::string all = std::to_string(kAllFields);
  const std::string t0 = kT0Text;
  const std::string t1 = std::to_string(kT0 + kHour);
  const std::string t2 = std::to_string(kT0 + 2 * kHour);
  const std::vector<std::string> runs =
      Column("SELECT id FROM jao_ingest_run ORDER BY id");
  ASSERT_EQ(runs.size(), 2u);
  const std::string a = runs[0] + "|", b = runs[1] + "|";
  EXPECT_THAT(
      Column("SELECT run_id || '|' || vacancy_id || '|' || change || '|' || "
             "CAST(text_changed AS integer) || '|' || fields || '|' || " +
             Micros("last_updated") +
             " FROM jao_ingest_change ORDER BY run_id, vacancy_id"),
      ElementsAre(
          a + "1|inserted|1|" + all + "|" + t0,
          a + "2|inserted|1|" + all + "|" + t0,
          a + "3|inserted|1|" + all + "|" + t0,
          a + "4|inserted|1|" + all + "|" + t0,
          a + "5|inserted|1|" + all + "|" + t0,
          a + "6|inserted|1|" + all + "|" + t0,
          a + "7|inserted|1|" + all + "|" + t0,
          a + "8|inserted|1|" + all + "|" + t0,
          a + "9|inserted|1|" + all + "|" + t1,
          b + "1|updated|1|" + mask({F::kDescription, F::kLastUpdated}) + "|" +
              t1,
          b + "2|updated|1|" + mask({F::kTitle, F::kLastUpdated}) + "|" + t1,
          b + "3|updated|0|" + mask({F::kLastUpdated, F::kStatistics}) + "|" +
              t1,
          b + "4|updated|0|" + mask({F::kLastUpdated, F::kStatistics}) + "|" +
              t1,
          b + "5|updated|0|" + mask({F::kLastUpdated}) + "|" + t1,
          b + "6|updated|0|" + mask({F::kLastUpdated}) + "|" + t1,
          b + "7|updated|0|" + mask({F::kLastUpdated}) + "|" + t2,
          b + "10|inserted|1|" + all + "|" + t0));

  // Without a run: no line, but what it wrote is what the next run
  // compares with (5's summary here, then only its version).
  Run({{later(5, 3, [](VacancyRecord& r) { r.summary = "Other"; })}},
      /*feed=*/false);
  Run({{later(5, 4, [](VacancyRecord& r) { r.summary = "Other"; }),
        later(2, 4, [](VacancyRecord& r) { r.summary = "Other"; })}});
  const std::vector<std::string> all_runs =
      Column("SELECT id FROM jao_ingest_run ORDER BY id");
  ASSERT_EQ(all_runs.size(), 3u);
  EXPECT_THAT(
      Column("SELECT vacancy_id || '|' || CAST(text_changed AS integer) || "
             "'|' || fields FROM jao_ingest_change WHERE run_id = " +
             all_runs[2] + " ORDER BY vacancy_id"),
      ElementsAre("2|1|" + mask({F::kTitle, F::kSummary, F::kLastUpdated}),
                  "5|0|" + mask({F::kLastUpdated})));
}

// A kLoading chunk's text is released once by a loader that
// ReleasesTextEarly() (and not by one that does not), never before the
// loader has read it; a kBuilt chunk keeps its text and loads again.
TEST_P(LoaderContractTest, TextIsReleasedOnlyFromALoadingChunk) {
  auto loader = Open();
  ASSERT_NE(loader, nullptr);
  Begin(*loader);
  const bool releases = loader->ReleasesTextEarly();
  EXPECT_EQ(releases, db_->ReleasesTextEarly(first_load()));

  // Texts the chunks point at; made unreadable ('X') once released, as
  // freed memory could be.
  std::vector<std::string> texts = {
      "Title one",       "Description one",       "Summary one", "Title two",
      "Title two again", "Description two again", "Title three"};
  int released = 0;
  auto scribble = [&] {
    ++released;
    for (std::string& text : texts) text.assign(text.size(), 'X');
  };
  VacancyRecord one = Vacancy(1, kT0, texts[0]);
  one.description = texts[1];
  one.summary = texts[2];
  one.statistics = {Gender("Female", 4'000)};
  Chunk first = ChunkOf({one, Vacancy(2, kT0, texts[3])});
  first.StartLoading(scribble);
  ASSERT_THAT(loader->LoadChunk(first), IsOk());
  EXPECT_EQ(released, releases ? 1 : 0);
  EXPECT_EQ(first.stage(),
            releases ? Chunk::Stage::kTextReleased : Chunk::Stage::kLoading);

  // The scribbled texts are written again for the second chunk.
  texts = {"Title one",  "Description one", "Summary one",
           "Title two",  "Title two again", "Description two again",
           "Title three"};
  VacancyRecord two_again = Vacancy(2, kT0 + kHour, texts[4]);
  two_again.description = texts[5];
  two_again.statistics = {Gender("Male", 6'000)};
  Chunk second = ChunkOf({two_again, Vacancy(3, kT0, texts[6])});
  second.StartLoading(scribble);
  Result<LoadCounts> counts = loader->LoadChunk(second);
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ(CountsOf(*counts, "vacancies_vacancy"),
            "inserted 1, updated 1, skipped 0, deleted 0");
  EXPECT_EQ(released, releases ? 2 : 0);

  auto owned = std::make_shared<std::vector<std::string>>(
      std::vector<std::string>{"Title four", "Description four"});
  std::weak_ptr<std::vector<std::string>> watch = owned;
  VacancyRecord four = Vacancy(4, kT0, (*owned)[0]);
  four.description = (*owned)[1];
  Chunk built = ChunkOf({four});
  built.AdoptText(std::move(owned));
  counts = loader->LoadChunk(built);
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ(CountsOf(*counts, "vacancies_vacancy"),
            "inserted 1, updated 0, skipped 0, deleted 0");
  EXPECT_EQ(built.stage(), Chunk::Stage::kBuilt);
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(built.records[0].title, "Title four");
  counts = loader->LoadChunk(built);  // again: the same row, skipped
  ASSERT_THAT(counts, IsOk());
  EXPECT_EQ(CountsOf(*counts, "vacancies_vacancy"),
            "inserted 0, updated 0, skipped 1, deleted 0");
  EXPECT_EQ(built.stage(), Chunk::Stage::kBuilt);
  ASSERT_THAT(loader->Finish(), IsOk());
  ASSERT_THAT(loader->EndRun(RunOutcome::kCompleted, "{}"), IsOk());

  EXPECT_THAT(
      Column("SELECT id || '|' || title || '|' || coalesce(description, "
             "'none') || '|' || coalesce(summary, 'none') FROM "
             "vacancies_vacancy ORDER BY id"),
      ElementsAre("1|Title one|Description one|Summary one",
                  "2|Title two again|Description two again|none",
                  "3|Title three|none|none",
                  "4|Title four|Description four|none"));
  EXPECT_THAT(Column("SELECT vacancy_id FROM "
                     "application_statistics_genderstatistic ORDER BY 1"),
              ElementsAre("1", "2"));
}

// A chunk the database refuses leaves nothing of itself (no vacancy, link,
// lookup, statistic or change row) and returns a Database status naming the
// table; the chunks committed before it stay, and the same loader loads
// the chunk once the database takes it (the lookups the rolled-back attempt
// made are made again). In a first load the run is one transaction: nothing
// of the run stays.
TEST_P(LoaderContractTest, RefusedChunkLeavesNothingOfItself) {
  db_->Refuse();
  auto loader = Open();
  ASSERT_NE(loader, nullptr);
  const std::string run = std::to_string(Begin(*loader));
  VacancyRecord one = Vacancy(1, kT0, "First");
  one.department = "DfE";
  one.statistics = {Gender("Female", 5'000)};
  EXPECT_EQ(CountsOf(Load(*loader, {one}), "vacancies_vacancy"),
            "inserted 1, updated 0, skipped 0, deleted 0");
  VacancyRecord two = Vacancy(2, kT0, "Two");
  two.department = "HMT";
  two.grades = {"G7"};
  VacancyRecord three = Vacancy(3, kT0, "Three");
  three.statistics = {Gender("Male", 9'500)};  // refused: above 90
  const std::vector<VacancyRecord> refused = {two, three,
                                              Vacancy(1, kT0 + kHour, "New")};

  Result<LoadCounts> failed = loader->LoadChunk(ChunkOf(refused));

  EXPECT_THAT(
      failed,
      StatusIs(StatusCode::kDatabase,
               AllOf(HasSubstr("application_statistics_genderstatistic"),
                     HasSubstr(db_->RefusalText()))));
  EXPECT_EQ(loader->RolledBackRun(), first_load());
  if (first_load()) {
    EXPECT_THAT(failed, StatusIs(::testing::_,
                                 HasSubstr("every chunk of this run rolled "
                                           "back")));
    for (const char* table :
         {"vacancies_vacancy", "organisations_department", "roles_grade",
          "vacancies_vacancygrade", "application_statistics_gender",
          "application_statistics_genderstatistic",
          "application_statistics_vacancystatistic", "jao_ingest_change"}) {
      EXPECT_EQ(Count(table), "0") << table;
    }
  } else {
    EXPECT_THAT(Column("SELECT v.id || '|' || v.title || '|' || d.name FROM "
                       "vacancies_vacancy AS v JOIN organisations_department "
                       "AS d ON d.id = v.department_id"),
                ElementsAre("1|First|DfE"));
    EXPECT_EQ(Count("organisations_department"), "1");
    EXPECT_EQ(Count("roles_grade"), "0");
    EXPECT_EQ(Count("vacancies_vacancygrade"), "0");
    EXPECT_THAT(Column("SELECT description FROM application_statistics_gender"),
                ElementsAre("Female"));
    EXPECT_THAT(Column("SELECT vacancy_id FROM "
                       "application_statistics_genderstatistic"),
                ElementsAre("1"));
    EXPECT_THAT(Column("SELECT vacancy_id FROM "
                       "application_statistics_vacancystatistic"),
                ElementsAre("1"));
    EXPECT_THAT(Column("SELECT run_id || '|' || vacancy_id || '|' || change "
                       "FROM jao_ingest_change"),
                ElementsAre(run + "|1|inserted"));

    db_->Allow();
    Result<LoadCounts> counts = loader->LoadChunk(ChunkOf(refused));
    ASSERT_THAT(counts, IsOk());
    EXPECT_EQ(CountsOf(*counts, "vacancies_vacancy"),
              "inserted 2, updated 1, skipped 0, deleted 0");
    for (const char* table : {"organisations_department", "roles_grade",
                              "application_statistics_gender"}) {
      EXPECT_EQ(CountsOf(*counts, table),
                "inserted 1, updated 0, skipped 0, deleted 0")
          << table;
    }
    EXPECT_THAT(
        Column("SELECT v.id || '|' || v.title || '|' || coalesce(d.name, "
               "'none') || '|' || coalesce(g.description, 'none') FROM "
               "vacancies_vacancy AS v LEFT JOIN organisations_department AS "
               "d ON d.id = v.department_id LEFT JOIN vacancies_vacancygrade "
               "AS l ON l.vacancy_id = v.id LEFT JOIN roles_grade AS g ON "
               "g.id = l.grade_id ORDER BY v.id"),
        ElementsAre("1|New|none|none", "2|Two|HMT|G7", "3|Three|none|none"));
    EXPECT_THAT(
        Column("SELECT s.vacancy_id || ':' || g.description FROM "
               "application_statistics_genderstatistic AS s JOIN "
               "application_statistics_gender AS g ON g.id = s.gender_id "
               "ORDER BY s.vacancy_id"),
        ElementsAre("3:Male"));
    EXPECT_THAT(Column("SELECT vacancy_id || '|' || change FROM "
                       "jao_ingest_change ORDER BY vacancy_id"),
                ElementsAre("1|inserted", "2|inserted", "3|inserted"));
  }
  (void)loader->Finish();
  ASSERT_THAT(loader->EndRun(RunOutcome::kFailed, "{}"), IsOk());
  EXPECT_THAT(Column("SELECT outcome FROM jao_ingest_run"),
              ElementsAre("failed"));
}

INSTANTIATE_TEST_SUITE_P(
    Backends, LoaderContractTest,
    ::testing::Values(ContractCase{Backend::kSqlite, false},
                      ContractCase{Backend::kSqlite, true},
                      ContractCase{Backend::kPostgresql, false},
                      ContractCase{Backend::kPostgresql, true},
                      ContractCase{Backend::kPostgresqlOwner, false},
                      ContractCase{Backend::kPostgresqlOwner, true}),
    TestNameOf);

}  // namespace
}  // namespace jao::db
