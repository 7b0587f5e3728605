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
            R"(WHERE "run_id" > ? AND "run_id" <= ? ORDER BY "run_id", "seq")",
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

// Columns later versions added to the change table, for a database whose
// feed an older jao-ingest created: added, never required.
Status AddMissingChangeColumns(Connection& connection) {
  ASSIGN_OR_RETURN(Statement * has,
                   connection.Cached("SELECT count(*) FROM "
                                     "pragma_table_info(?) WHERE name = ?"));
  has->BindText(1, kChangeTable).BindText(2, "text_changed");
  int64_t found = 0;
  RETURN_IF_ERROR(has->EachRow([&] { found = has->ColumnInt64(0); }));
  if (found != 0) return Status::Ok();
  return connection.Exec(fmt::format(
      R"(ALTER TABLE "{0}" ADD COLUMN "text_changed" bool NOT NULL DEFAULT 1; )"
      R"(ALTER TABLE "{0}" ADD COLUMN "fields" integer NULL; )"
      R"(ALTER TABLE "{0}" ADD COLUMN "last_updated" datetime NULL;)",
      kChangeTable));
}

Status CreateFeedTables(Connection& connection) {
  const std::string sql = fmt::format(
      R"(CREATE TABLE IF NOT EXISTS "{0}" ()"
      R"("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, )"
      R"("started_at" datetime NOT NULL, "finished_at" datetime NULL, )"
      R"("outcome" varchar(16) NULL CHECK ("outcome" IN ('completed', 'failed', 'interrupted', 'abandoned')), )"
      R"("files" text NOT NULL, "counts" text NULL, "tool_version" varchar(64) NOT NULL); )"
      R"(CREATE TABLE IF NOT EXISTS "{1}" ()"
      R"("seq" integer NOT NULL PRIMARY KEY AUTOINCREMENT, )"
      R"("run_id" integer NOT NULL REFERENCES "{0}" ("id"), )"
      R"("vacancy_id" bigint NOT NULL, )"
      R"("change" varchar(8) NOT NULL CHECK ("change" IN ('inserted', 'updated')), )"
      R"("text_changed" bool NOT NULL DEFAULT 1, "fields" integer NULL, )"
      R"("last_updated" datetime NULL); )"
      R"(CREATE INDEX IF NOT EXISTS "{1}_run_id_seq" ON "{1}" ("run_id", "seq"); )"
      R"(CREATE TABLE IF NOT EXISTS "{2}" ()"
      R"("vacancy_id" integer NOT NULL PRIMARY KEY, "run_id" integer NOT NULL, )"
      R"("digest" blob NOT NULL, "before" blob NULL);)",
      kRunTable, kChangeTable, kDigestTable);
  RETURN_IF_ERROR(
      connection.Exec(sql).WithContext("creating the change feed tables"));
  RETURN_IF_ERROR(AddMissingChangeColumns(connection)
                      .WithContext("adding the change feed's columns"));
  // One line per vacancy and run: a vacancy written again finds its line.
  return connection
      .Exec(fmt::format(
          R"(CREATE INDEX IF NOT EXISTS "{0}_run_id_vacancy_id" ON "{0}" ("run_id", "vacancy_id"))",
          kChangeTable))
      .WithContext("creating the change feed tables");
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
  RowBatch lines(connection, kChangeTable,
                 {"run_id", "vacancy_id", "change", "text_changed", "fields",
                  "last_updated"});
  for (const WrittenVacancy& w : written) {
    if (w.plan->again) continue;
    lines.Int(run_id).Int(w.id);
    lines.StaticText(w.updated ? "updated" : "inserted");
    lines.Int(w.plan->text_changed ? 1 : 0).Int(w.plan->fields);
    lines.StaticText(w.last_updated);
    RETURN_IF_ERROR(lines.EndRow());
  }
  RETURN_IF_ERROR(lines.Flush());
  // A vacancy the run wrote in an earlier chunk keeps its one line.
  static const std::string kUpdate = fmt::format(
      R"(UPDATE "{}" SET "text_changed" = ?, "fields" = ?, "last_updated" = ? )"
      R"(WHERE "run_id" = ? AND "vacancy_id" = ?)",
      kChangeTable);
  for (const WrittenVacancy& w : written) {
    if (!w.plan->again) continue;
    ASSIGN_OR_RETURN(Statement * update, connection.Cached(kUpdate));
    update->BindInt64(1, w.plan->text_changed ? 1 : 0)
        .BindInt64(2, w.plan->fields)
        .BindStaticText(3, w.last_updated)
        .BindInt64(4, run_id)
        .BindInt64(5, w.id);
    RETURN_IF_ERROR(update->Run().WithContext(kChangeTable));
  }
  return Status::Ok();
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
