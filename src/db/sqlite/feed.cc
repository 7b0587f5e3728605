// See sqlite/feed.h. Times are UTC text in Django's SQLite form
// ("YYYY-MM-DD HH:MM:SS.SSS"), taken by SQLite itself.
#include "db/sqlite/feed.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "common/timestamp.h"
#include "db/sqlite/row_batch.h"
#include "db/sqlite/run_lock.h"

namespace jao::db::sqlite {
namespace {

constexpr std::string_view kNow = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

// Runs `body` between BEGIN IMMEDIATE and COMMIT, rolled back on error.
template <typename Body>
Status InTransaction(Connection& connection, Body body) {
  RETURN_IF_ERROR(connection.Exec("BEGIN IMMEDIATE"));
  Status status = body();
  if (status.ok()) status = connection.Exec("COMMIT");
  if (!status.ok()) (void)connection.Exec("ROLLBACK");
  return status;
}

Result<bool> FeedTablesExist(Connection& connection) {
  ASSIGN_OR_RETURN(Statement * count,
                   connection.Cached("SELECT count(*) FROM sqlite_master WHERE "
                                     "type = 'table' AND name IN (?, ?)"));
  count->BindText(1, kRunTable).BindText(2, kChangeTable);
  Result<bool> row = count->Step();
  const int64_t found = row.ok() && *row ? count->ColumnInt64(0) : 0;
  count->Reset();
  RETURN_IF_ERROR(row.status());
  return found == 2;
}

// The highest run id, 0 when there is none.
Result<int64_t> LastRun(Connection& connection) {
  ASSIGN_OR_RETURN(
      Statement * select,
      connection.Cached(fmt::format(
          R"(SELECT coalesce(max("id"), 0) FROM "{}")", kRunTable)));
  int64_t last = 0;
  RETURN_IF_ERROR(select->EachRow([&] { last = select->ColumnInt64(0); }));
  return last;
}

class SqliteFeedReader : public ChangeFeedReader {
 public:
  SqliteFeedReader(std::string path, std::unique_ptr<Connection> connection)
      : path_(std::move(path)), connection_(std::move(connection)) {}

  Result<FeedReadEnd> Read(
      const FeedRange& range,
      const std::function<Status(const Change&)>& emit) override {
    ASSIGN_OR_RETURN(bool exists, FeedTablesExist(*connection_));
    if (!exists) return FeedReadEnd{};
    ASSIGN_OR_RETURN(FeedReadEnd read_end, ReadEnd(range.since));
    const int64_t end = std::min(read_end.end, range.until);
    ASSIGN_OR_RETURN(
        Statement * select,
        connection_->Cached(fmt::format(
            R"(SELECT "run_id", "vacancy_id", "change" = 'inserted', )"
            R"("text_changed", "fields", "last_updated" FROM "{}" )"
            R"(WHERE "run_id" > ? AND "run_id" <= ? ORDER BY "run_id", "vacancy_id")",
            kChangeTable)));
    select->BindInt64(1, range.since).BindInt64(2, end);
    Status status;
    while (status.ok()) {
      Result<bool> row = select->Step();
      if (!row.ok()) {
        status = row.status().WithContext(kChangeTable);
        break;
      }
      if (!*row) break;
      Change change;
      change.run_id = select->ColumnInt64(0);
      change.vacancy_id = select->ColumnInt64(1);
      change.inserted = select->ColumnInt64(2) != 0;
      change.text_changed = select->ColumnInt64(3) != 0;
      if (!select->ColumnIsNull(4)) {
        change.fields = static_cast<FieldMask>(select->ColumnInt64(4));
      }
      if (!select->ColumnIsNull(5)) {
        Result<int64_t> stored = ParseStoredDatetime(select->ColumnText(5));
        if (!stored.ok()) {
          status = stored.status().WithContext(kChangeTable);
          break;
        }
        change.last_updated_us = *stored;
      }
      status = emit(change);
    }
    select->Reset();
    RETURN_IF_ERROR(status);
    return read_end;
  }

 private:
  // The last run the read may print. The lock is tested after the runs are
  // read: a run open in what was read was inserted by an ingester that
  // already held the lock (RunLock), so it is dead if nobody else holds the
  // lock now; otherwise every open run counts as alive (SQLite cannot tell
  // which one is).
  Result<FeedReadEnd> ReadEnd(int64_t since) {
    ASSIGN_OR_RETURN(
        Statement * select,
        connection_->Cached(fmt::format(
            R"(SELECT "id", "outcome" IS NULL FROM "{}" WHERE "id" > ? ORDER BY "id")",
            kRunTable)));
    select->BindInt64(1, since);
    std::vector<RunState> runs;
    bool any_open = false;
    while (true) {
      Result<bool> row = select->Step();
      if (!row.ok()) {
        select->Reset();
        return row.status().WithContext(kRunTable);
      }
      if (!*row) break;
      runs.push_back({select->ColumnInt64(0), select->ColumnInt64(1) != 0});
      any_open = any_open || runs.back().open;
    }
    select->Reset();
    bool nobody_ingesting = false;
    if (any_open && path_ != ":memory:") {
      ASSIGN_OR_RETURN(std::unique_ptr<RunLock> lock, RunLock::Open(path_));
      ASSIGN_OR_RETURN(nobody_ingesting, lock->NobodyElseHolds());
    }
    FeedReadEnd end;
    end.end = FeedEnd(
        since, runs, [&](int64_t) { return !nobody_ingesting; },
        &end.blocking_run);
    ASSIGN_OR_RETURN(end.last_run, LastRun(*connection_));
    return end;
  }

  std::string path_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace

// The change table's columns, one line per run and vacancy: keyed by
// (run_id, vacancy_id), so that a vacancy written again in the run finds
// its line, and the feed reads in key order, whatever the chunks were.
constexpr std::string_view kChangeColumns =
    R"("run_id" integer NOT NULL REFERENCES "{1}" ("id"), )"
    R"("vacancy_id" bigint NOT NULL, )"
    R"("change" varchar(8) NOT NULL CHECK ("change" IN ('inserted', 'updated')), )"
    R"("text_changed" bool NOT NULL DEFAULT 1, "fields" integer NULL, )"
    R"("last_updated" datetime NULL, PRIMARY KEY ("run_id", "vacancy_id"))";

Result<bool> ChangeTableHas(Connection& connection, std::string_view column) {
  ASSIGN_OR_RETURN(Statement * has,
                   connection.Cached("SELECT count(*) FROM "
                                     "pragma_table_info(?) WHERE name = ?"));
  has->BindText(1, kChangeTable).BindText(2, column);
  int64_t found = 0;
  RETURN_IF_ERROR(has->EachRow([&] { found = has->ColumnInt64(0); }));
  return found != 0;
}

// A change table an older jao-ingest created, a row per write numbered by
// "seq" (the oldest also without text_changed, fields and last_updated), is
// rebuilt keyed by run and vacancy: a vacancy's lines of one run become one,
// inserted if any was, its text changed if any said so; fields and version
// stay unknown (NULL) where the older lines did not say or were several.
Status MigrateChangeTable(Connection& connection) {
  ASSIGN_OR_RETURN(bool has_seq, ChangeTableHas(connection, "seq"));
  if (!has_seq) return Status::Ok();
  ASSIGN_OR_RETURN(bool has_details,
                   ChangeTableHas(connection, "text_changed"));
  const std::string details =
      has_details ? R"(max("text_changed"), CASE WHEN count(*) = 1 THEN )"
                    R"(max("fields") END, CASE WHEN count(*) = 1 THEN )"
                    R"(max("last_updated") END)"
                  : "1, NULL, NULL";
  return connection.Exec(fmt::format(
      R"(ALTER TABLE "{0}" RENAME TO "{0}_by_seq"; )"
      R"(DROP INDEX IF EXISTS "{0}_run_id_seq"; )"
      R"(DROP INDEX IF EXISTS "{0}_run_id_vacancy_id"; )"
      R"(CREATE TABLE "{0}" ({2}) WITHOUT ROWID; )"
      R"(INSERT INTO "{0}" ("run_id", "vacancy_id", "change", "text_changed", )"
      R"("fields", "last_updated") SELECT "run_id", "vacancy_id", CASE WHEN )"
      R"(max("change" = 'inserted') THEN 'inserted' ELSE 'updated' END, {3} )"
      R"(FROM "{0}_by_seq" GROUP BY "run_id", "vacancy_id"; )"
      R"(DROP TABLE "{0}_by_seq";)",
      kChangeTable, kRunTable,
      fmt::format(fmt::runtime(kChangeColumns), kChangeTable, kRunTable),
      details));
}

Status CreateFeedTables(Connection& connection) {
  const std::string sql = fmt::format(
      R"(CREATE TABLE IF NOT EXISTS "{0}" ()"
      R"("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, )"
      R"("started_at" datetime NOT NULL, "finished_at" datetime NULL, )"
      R"("outcome" varchar(16) NULL CHECK ("outcome" IN ('completed', 'failed', 'interrupted', 'abandoned')), )"
      R"("files" text NOT NULL, "counts" text NULL, "tool_version" varchar(64) NOT NULL); )"
      R"(CREATE TABLE IF NOT EXISTS "{1}" ({3}) WITHOUT ROWID; )"
      R"(CREATE TABLE IF NOT EXISTS "{2}" ()"
      R"("vacancy_id" integer NOT NULL PRIMARY KEY, "run_id" integer NOT NULL, )"
      R"("digest" blob NOT NULL, "before" blob NULL);)",
      kRunTable, kChangeTable, kDigestTable,
      fmt::format(fmt::runtime(kChangeColumns), kChangeTable, kRunTable));
  RETURN_IF_ERROR(
      connection.Exec(sql).WithContext("creating the change feed tables"));
  return MigrateChangeTable(connection)
      .WithContext("rebuilding the change feed table of an older jao-ingest");
}

Result<int64_t> BeginRun(
    Connection& connection, const RunStart& start,
    const std::function<Result<bool>()>& nobody_else_ingesting) {
  int64_t id = 0;
  Status status = InTransaction(connection, [&]() -> Status {
    if (nobody_else_ingesting) {
      ASSIGN_OR_RETURN(bool nobody, nobody_else_ingesting());
      if (nobody) {
        RETURN_IF_ERROR(connection.Exec(fmt::format(
            R"(UPDATE "{}" SET "outcome" = 'abandoned', "finished_at" = {} )"
            R"(WHERE "outcome" IS NULL)",
            kRunTable, kNow)));
      }
    }
    ASSIGN_OR_RETURN(
        Statement * insert,
        connection.Cached(fmt::format(
            R"(INSERT INTO "{}" ("started_at", "files", "tool_version") VALUES ({}, ?, ?))",
            kRunTable, kNow)));
    insert->BindText(1, start.files_json).BindText(2, start.tool_version);
    RETURN_IF_ERROR(insert->Run());
    id = connection.LastInsertRowid();
    return Status::Ok();
  });
  if (!status.ok()) return status.WithContext(kRunTable);
  return id;
}

Status CheckRunOpen(Connection& connection, int64_t run_id) {
  ASSIGN_OR_RETURN(
      Statement * select,
      connection.Cached(fmt::format(
          R"(SELECT coalesce("outcome", '') FROM "{}" WHERE "id" = ?)",
          kRunTable)));
  select->BindInt64(1, run_id);
  Result<bool> row = select->Step();
  const bool found = row.ok() && *row;
  const std::string outcome = found ? std::string(select->ColumnText(0)) : "";
  select->Reset();
  RETURN_IF_ERROR(row.status().WithContext(kRunTable));
  if (found && outcome.empty()) return Status::Ok();
  return Status::Database(fmt::format(
      "{}: run {} was {} by another process while it loaded; this chunk is "
      "rolled back",
      kRunTable, run_id,
      found ? "marked '" + outcome + "'" : std::string("deleted")));
}

Status RecordWrites(Connection& connection, int64_t run_id,
                    const std::vector<WrittenVacancy>& written) {
  RowBatch digests(connection, kDigestTable,
                   {"vacancy_id", "run_id", "digest", "before"}, 512,
                   "INSERT OR REPLACE");
  for (const WrittenVacancy& w : written) {
    digests.Int(w.id).Int(run_id).StaticBlob(w.digest);
    w.before ? digests.StaticBlob(*w.before) : digests.Null();
    RETURN_IF_ERROR(digests.EndRow());
  }
  RETURN_IF_ERROR(digests.Flush());
  if (run_id == 0) return Status::Ok();
  // A vacancy the run wrote in an earlier chunk keeps its one line, and
  // the line stays 'inserted' if the run inserted it; its comparison with
  // the state before the run is this write's (FeedWrite::before).
  static const std::string kKeepOneLine = fmt::format(
      R"(ON CONFLICT ("run_id", "vacancy_id") DO UPDATE SET "change" = )"
      R"(CASE WHEN excluded."change" = 'inserted' THEN 'inserted' ELSE )"
      R"("{0}"."change" END, "text_changed" = excluded."text_changed", )"
      R"("fields" = excluded."fields", "last_updated" = excluded."last_updated")",
      kChangeTable);
  RowBatch lines(connection, kChangeTable,
                 {"run_id", "vacancy_id", "change", "text_changed", "fields",
                  "last_updated"},
                 512, "INSERT", kKeepOneLine);
  for (const WrittenVacancy& w : written) {
    lines.Int(run_id).Int(w.id);
    lines.StaticText(w.updated ? "updated" : "inserted");
    lines.Int(w.plan->text_changed ? 1 : 0).Int(w.plan->fields);
    lines.StaticText(w.last_updated);
    RETURN_IF_ERROR(lines.EndRow());
  }
  return lines.Flush();
}

namespace {
constexpr std::string_view kFirstLoadStage = "jao_stage_first_load_feed";
}  // namespace

Status StageFirstLoadWrites(Connection& connection,
                            const std::vector<WrittenVacancy>& written) {
  RETURN_IF_ERROR(
      connection
          .Exec(fmt::format(R"(CREATE TEMP TABLE IF NOT EXISTS "{}" ()"
                            R"("vacancy_id" integer NOT NULL, )"
                            R"("last_updated" text NOT NULL, )"
                            R"("digest" blob NOT NULL))",
                            kFirstLoadStage))
          .WithContext(kFirstLoadStage));
  RowBatch rows(connection, kFirstLoadStage,
                {"vacancy_id", "last_updated", "digest"});
  for (const WrittenVacancy& w : written) {
    rows.Int(w.id).StaticText(w.last_updated).StaticBlob(w.digest);
    RETURN_IF_ERROR(rows.EndRow());
  }
  return rows.Flush();
}

Status WriteFirstLoadFeed(Connection& connection, int64_t run_id) {
  ASSIGN_OR_RETURN(Statement * staged,
                   connection.Cached("SELECT count(*) FROM "
                                     "sqlite_temp_master WHERE name = ?"));
  staged->BindText(1, kFirstLoadStage);
  int64_t found = 0;
  RETURN_IF_ERROR(staged->EachRow([&] { found = staged->ColumnInt64(0); }));
  if (found == 0) return Status::Ok();
  // A vacancy's last write: the bare columns of max(rowid)'s row (SQLite
  // takes them from the row the one max() chose), grouped by id, in id
  // order. OR REPLACE: a digest row left by a vacancy since deleted.
  const std::string last_writes = fmt::format(
      R"((SELECT "vacancy_id", "last_updated", "digest", max(rowid) )"
      R"(FROM "{}" GROUP BY "vacancy_id"))",
      kFirstLoadStage);
  ASSIGN_OR_RETURN(
      Statement * digests,
      connection.Cached(fmt::format(
          R"(INSERT OR REPLACE INTO "{}" ("vacancy_id", "run_id", "digest", )"
          R"("before") SELECT "vacancy_id", ?, "digest", NULL FROM {} )"
          R"(ORDER BY "vacancy_id")",
          kDigestTable, last_writes)));
  digests->BindInt64(1, run_id);
  RETURN_IF_ERROR(digests->Run().WithContext(kDigestTable));
  if (run_id > 0) {
    ASSIGN_OR_RETURN(
        Statement * lines,
        connection.Cached(fmt::format(
            R"(INSERT INTO "{}" ("run_id", "vacancy_id", "change", )"
            R"("text_changed", "fields", "last_updated") SELECT ?, )"
            R"("vacancy_id", 'inserted', 1, ?, "last_updated" FROM {} )"
            R"(ORDER BY "vacancy_id")",
            kChangeTable, last_writes)));
    lines->BindInt64(1, run_id).BindInt64(2, kAllFields);
    RETURN_IF_ERROR(lines->Run().WithContext(kChangeTable));
  }
  return connection.Exec(fmt::format(R"(DROP TABLE "{}")", kFirstLoadStage))
      .WithContext(kFirstLoadStage);
}

Status CloseRun(Connection& connection, int64_t run_id, RunOutcome outcome,
                std::string_view counts_json) {
  Status status = InTransaction(connection, [&]() -> Status {
    ASSIGN_OR_RETURN(
        Statement * update,
        connection.Cached(fmt::format(
            R"(UPDATE "{}" SET "finished_at" = {}, "outcome" = ?, "counts" = ? )"
            R"(WHERE "id" = ? AND "outcome" IS NULL)",
            kRunTable, kNow)));
    update->BindText(1, RunOutcomeName(outcome))
        .BindText(2, counts_json)
        .BindInt64(3, run_id);
    return update->Run();
  });
  return status.WithContext(kRunTable);
}

namespace {

// The feed's commands never create a database: a missing file is an error.
Status RefuseMissingFile(const std::string& path) {
  if (path == ":memory:") return Status::Ok();
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return Status::Database("no sqlite database at '" + path + "'");
  }
  return RefuseSeveralNames(path);
}

}  // namespace

Result<std::unique_ptr<ChangeFeedReader>> OpenFeedReader(
    const std::string& path, int64_t busy_timeout_ms) {
  RETURN_IF_ERROR(RefuseMissingFile(path));
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                   Connection::OpenToRead(path));
  connection->SetBusyTimeout(busy_timeout_ms);
  return std::unique_ptr<ChangeFeedReader>(
      std::make_unique<SqliteFeedReader>(path, std::move(connection)));
}

Result<int64_t> PruneFeed(const std::string& path, int64_t through_run_id,
                          int64_t busy_timeout_ms) {
  RETURN_IF_ERROR(RefuseMissingFile(path));
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection,
                   Connection::Open(path, busy_timeout_ms));
  ASSIGN_OR_RETURN(bool exists, FeedTablesExist(*connection));
  if (!exists) return 0;
  int64_t deleted = 0;
  Status pruned = InTransaction(*connection, [&]() -> Status {
    ASSIGN_OR_RETURN(
        Statement * open,
        connection->Cached(fmt::format(
            R"(SELECT count(*) FROM "{}" WHERE "id" = ? AND "outcome" IS NULL)",
            kRunTable)));
    open->BindInt64(1, through_run_id);
    int64_t still_open = 0;
    RETURN_IF_ERROR(open->EachRow([&] { still_open = open->ColumnInt64(0); }));
    if (still_open != 0) return RunStillOpen(through_run_id);
    ASSIGN_OR_RETURN(
        Statement * erase,
        connection->Cached(fmt::format(
            R"(DELETE FROM "{0}" WHERE "run_id" <= ? AND "run_id" IN )"
            R"((SELECT "id" FROM "{1}" WHERE "outcome" IS NOT NULL))",
            kChangeTable, kRunTable)));
    erase->BindInt64(1, through_run_id);
    RETURN_IF_ERROR(erase->Run().WithContext(kChangeTable));
    deleted = connection->Changes();
    return Status::Ok();
  });
  RETURN_IF_ERROR(pruned);
  return deleted;
}

}  // namespace jao::db::sqlite
