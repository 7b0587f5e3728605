// See postgres/feed.h. Every value is a bound parameter; the table names are
// constants.
#include "db/postgres/feed.h"

#include <fmt/format.h>

#include "db/postgres/copy_writer.h"
#include "db/postgres/staging.h"

namespace jao::db::postgres {
namespace {

constexpr int32_t kInsertBarrier = 0;
constexpr int kFetchRows = 10000;
// The facts of a chunk's writes (RecordWrites), a temporary table.
constexpr std::string_view kStageFeed = "jao_stage_feed";

// Runs `body` in a transaction: BEGIN, body, COMMIT; ROLLBACK on failure
// (unless the connection is gone).
template <typename Body>
Status InTransaction(PgConnection& connection, Body body) {
  RETURN_IF_ERROR(connection.Exec("BEGIN").status());
  Status status = body();
  if (status.ok()) status = connection.Exec("COMMIT").status();
  if (!status.ok() && !connection.lost()) (void)connection.Exec("ROLLBACK");
  return status;
}

Status AbandonDeadRuns(PgConnection& connection, int64_t own_id) {
  ASSIGN_OR_RETURN(
      PgResult open,
      connection.ExecParams(
          fmt::format("SELECT id FROM \"{}\" WHERE outcome IS NULL AND id <> "
                      "$1::int8 ORDER BY id",
                      kRunTable),
          {std::to_string(own_id)}));
  for (int row = 0; row < open.rows(); ++row) {
    ASSIGN_OR_RETURN(const int64_t id, open.Int(row, 0));
    // Our own session holds our key: a folded collision would look dead.
    if (RunLockKey(id) == RunLockKey(own_id)) continue;
    ASSIGN_OR_RETURN(bool dead, RunIsDead(connection, id));
    if (!dead) continue;
    RETURN_IF_ERROR(
        connection
            .ExecParams(fmt::format("UPDATE \"{}\" SET outcome = 'abandoned', "
                                    "finished_at = now() WHERE id = $1::int8 "
                                    "AND outcome IS NULL",
                                    kRunTable),
                        {std::to_string(id)})
            .status());
  }
  return Status::Ok();
}

// "1 s", "1500 ms": a lock timeout as the messages spell it.
std::string Duration(int64_t milliseconds) {
  return milliseconds % 1000 == 0 ? fmt::format("{} s", milliseconds / 1000)
                                  : fmt::format("{} ms", milliseconds);
}

class PgFeedReader : public ChangeFeedReader {
 public:
  PgFeedReader(std::unique_ptr<PgConnection> connection,
               int64_t lock_timeout_ms)
      : connection_(std::move(connection)), lock_timeout_ms_(lock_timeout_ms) {}

  Result<FeedReadEnd> Read(
      const FeedRange& range,
      const std::function<Status(const Change&)>& emit) override {
    const int64_t since = range.since;
    ASSIGN_OR_RETURN(PgResult exists,
                     connection_->ExecParams(
                         "SELECT to_regclass(quote_ident($1)) IS NOT NULL AND "
                         "to_regclass(quote_ident($2)) IS NOT NULL",
                         {std::string(kRunTable), std::string(kChangeTable)}));
    if (exists.Text(0, 0) != "t") return FeedReadEnd{};
    ASSIGN_OR_RETURN(std::vector<RunState> runs, ReadRuns(since));
    // Probed after the runs were read: a run that ended since then counts
    // as ended, and its changes (committed before it closed) are read
    // below, after the probe.
    Status probe_error;
    FeedReadEnd read_end;
    if (!runs.empty()) read_end.last_run = runs.back().id;
    read_end.end = FeedEnd(
        since, runs,
        [&](int64_t id) {
          Result<bool> dead = RunIsDead(*connection_, id);
          if (!dead.ok()) {
            probe_error = dead.status();
            return true;
          }
          return !*dead;
        },
        &read_end.blocking_run);
    RETURN_IF_ERROR(probe_error);
    if (read_end.last_run == 0) {
      ASSIGN_OR_RETURN(
          PgResult last,
          connection_->Exec(fmt::format(
              "SELECT coalesce(max(id), 0) FROM \"{}\"", kRunTable)));
      ASSIGN_OR_RETURN(read_end.last_run, last.Int(0, 0));
    }
    const int64_t end = std::min(read_end.end, range.until);
    if (end <= since) return read_end;
    Status read = InTransaction(*connection_, [&]() -> Status {
      RETURN_IF_ERROR(
          connection_
              ->ExecParams(
                  fmt::format("DECLARE jao_feed NO SCROLL CURSOR FOR SELECT "
                              "run_id, vacancy_id, (change = 'inserted')::int, "
                              "text_changed::int, fields, (extract(epoch FROM "
                              "last_updated) * 1000000)::int8 "
                              "FROM \"{}\" WHERE run_id > $1::int8 AND "
                              "run_id <= $2::int8 ORDER BY run_id, vacancy_id",
                              kChangeTable),
                  {std::to_string(since), std::to_string(end)})
              .status());
      const std::string fetch =
          fmt::format("FETCH {} FROM jao_feed", kFetchRows);
      while (true) {
        ASSIGN_OR_RETURN(PgResult rows, connection_->Exec(fetch));
        for (int row = 0; row < rows.rows(); ++row) {
          ASSIGN_OR_RETURN(int64_t run_id, rows.Int(row, 0));
          ASSIGN_OR_RETURN(int64_t vacancy_id, rows.Int(row, 1));
          ASSIGN_OR_RETURN(int64_t inserted, rows.Int(row, 2));
          ASSIGN_OR_RETURN(int64_t text_changed, rows.Int(row, 3));
          Change change;
          change.run_id = run_id;
          change.vacancy_id = vacancy_id;
          change.inserted = inserted != 0;
          change.text_changed = text_changed != 0;
          if (!rows.IsNull(row, 4)) {
            ASSIGN_OR_RETURN(int64_t fields, rows.Int(row, 4));
            change.fields = static_cast<FieldMask>(fields);
          }
          if (!rows.IsNull(row, 5)) {
            ASSIGN_OR_RETURN(change.last_updated_us, rows.Int(row, 5));
          }
          RETURN_IF_ERROR(emit(change));
        }
        if (rows.rows() < kFetchRows) return Status::Ok();
      }
    });
    RETURN_IF_ERROR(read);
    return read_end;
  }

 private:
  // The runs after `since`, read under the insert barrier (postgres/feed.h).
  Result<std::vector<RunState>> ReadRuns(int64_t since) {
    std::vector<RunState> runs;
    Status status = InTransaction(*connection_, [&]() -> Status {
      Status barrier = connection_
                           ->ExecParams(
                               "SELECT pg_advisory_xact_lock($1::int4, "
                               "$2::int4)",
                               {std::to_string(kRunLockClass),
                                std::to_string(kInsertBarrier)})
                           .status();
      // Named as pg_locks shows it (classid, objid), for whoever looks
      // for the session that holds it.
      if (!barrier.ok() &&
          connection_->last_sqlstate() == kSqlStateLockNotAvailable) {
        return Status::Database(fmt::format(
            "lock wait on advisory lock ({}, {}), the change feed's "
            "run-insert barrier, exceeded {} (another session holds it; see "
            "pg_locks)",
            kRunLockClass, kInsertBarrier, Duration(lock_timeout_ms_)));
      }
      RETURN_IF_ERROR(barrier);
      ASSIGN_OR_RETURN(
          PgResult rows,
          connection_->ExecParams(
              fmt::format("SELECT id, (outcome IS NULL)::int FROM \"{}\" "
                          "WHERE id > $1::int8 ORDER BY id",
                          kRunTable),
              {std::to_string(since)}));
      for (int row = 0; row < rows.rows(); ++row) {
        ASSIGN_OR_RETURN(int64_t id, rows.Int(row, 0));
        ASSIGN_OR_RETURN(int64_t open, rows.Int(row, 1));
        runs.push_back({id, open != 0});
      }
      return Status::Ok();
    });
    RETURN_IF_ERROR(status.WithContext(kRunTable));
    return runs;
  }

  std::unique_ptr<PgConnection> connection_;
  int64_t lock_timeout_ms_;
};

}  // namespace

// The change table's columns, one line per run and vacancy: keyed by
// (run_id, vacancy_id), so that a vacancy written again in the run finds
// its line, and the feed reads in key order, whatever the chunks were.
constexpr std::string_view kChangeColumns =
    "run_id bigint NOT NULL REFERENCES \"{1}\" (id), "
    "vacancy_id bigint NOT NULL, "
    "change text NOT NULL CHECK (change IN ('inserted', 'updated')), "
    "text_changed boolean NOT NULL DEFAULT true, fields integer NULL, "
    "last_updated timestamptz NULL, PRIMARY KEY (run_id, vacancy_id)";

Result<bool> ChangeTableHas(PgConnection& connection, std::string_view column) {
  ASSIGN_OR_RETURN(
      PgResult has,
      connection.ExecParams("SELECT count(*) FROM pg_attribute WHERE attrelid "
                            "= to_regclass(quote_ident($1)) AND attname = $2 "
                            "AND NOT attisdropped",
                            {std::string(kChangeTable), std::string(column)}));
  ASSIGN_OR_RETURN(int64_t found, has.Int(0, 0));
  return found != 0;
}

// A change table an older jao-ingest created, a row per write numbered by
// "seq" (the oldest also without text_changed, fields and last_updated), is
// rebuilt keyed by run and vacancy: a vacancy's lines of one run become one,
// inserted if any was, its text changed if any said so; fields and version
// stay unknown (NULL) where the older lines did not say or were several.
Status MigrateChangeTable(PgConnection& connection) {
  ASSIGN_OR_RETURN(bool has_seq, ChangeTableHas(connection, "seq"));
  if (!has_seq) return Status::Ok();
  ASSIGN_OR_RETURN(bool has_details,
                   ChangeTableHas(connection, "text_changed"));
  const std::string details =
      has_details ? "bool_or(text_changed), CASE WHEN count(*) = 1 THEN "
                    "max(fields) END, CASE WHEN count(*) = 1 THEN "
                    "max(last_updated) END"
                  : "true, NULL::integer, NULL::timestamptz";
  return connection
      .Exec(fmt::format(
          "ALTER TABLE \"{0}\" RENAME TO \"{0}_by_seq\"; "
          "ALTER INDEX \"{0}_pkey\" RENAME TO \"{0}_by_seq_pkey\"; "
          "CREATE TABLE \"{0}\" ({2}); "
          "INSERT INTO \"{0}\" (run_id, vacancy_id, change, text_changed, "
          "fields, last_updated) SELECT run_id, vacancy_id, CASE WHEN "
          "bool_or(change = 'inserted') THEN 'inserted' ELSE 'updated' END, "
          "{3} FROM \"{0}_by_seq\" GROUP BY run_id, vacancy_id; "
          "DROP TABLE \"{0}_by_seq\"",
          kChangeTable, kRunTable,
          fmt::format(fmt::runtime(kChangeColumns), kChangeTable, kRunTable),
          details))
      .status();
}

Status CreateFeedTables(PgConnection& connection) {
  // Existence first, as for Django's tables: CREATE ... IF NOT EXISTS
  // still needs the privilege to create, which a loader role may lack.
  const std::string run_table = fmt::format(
      "CREATE TABLE \"{}\" ("
      "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
      "started_at timestamptz NOT NULL, finished_at timestamptz NULL, "
      "outcome text NULL CHECK (outcome IN ('completed', 'failed', "
      "'interrupted', 'abandoned')), "
      "files text NOT NULL, counts text NULL, tool_version text NOT NULL)",
      kRunTable);
  const std::string change_table = fmt::format(
      "CREATE TABLE \"{}\" ({})", kChangeTable,
      fmt::format(fmt::runtime(kChangeColumns), kChangeTable, kRunTable));
  const std::string digest_table = fmt::format(
      "CREATE TABLE \"{}\" (vacancy_id bigint PRIMARY KEY, "
      "run_id bigint NOT NULL, digest bytea NOT NULL, before bytea NULL)",
      kDigestTable);
  for (const auto& [table, ddl] : {std::pair{kRunTable, &run_table},
                                   std::pair{kChangeTable, &change_table},
                                   std::pair{kDigestTable, &digest_table}}) {
    ASSIGN_OR_RETURN(
        PgResult exists,
        connection.ExecParams("SELECT to_regclass(quote_ident($1)) IS NOT NULL",
                              {std::string(table)}));
    if (exists.Text(0, 0) == "t") continue;
    RETURN_IF_ERROR(connection.Exec(*ddl).status().WithContext(
        fmt::format("creating {}", table)));
  }
  return MigrateChangeTable(connection)
      .WithContext("rebuilding the change feed table of an older jao-ingest");
}

Result<int64_t> BeginRun(PgConnection& connection, const RunStart& start) {
  int64_t id = 0;
  Status status = InTransaction(connection, [&]() -> Status {
    RETURN_IF_ERROR(
        connection
            .ExecParams(
                "SELECT pg_advisory_xact_lock_shared($1::int4, $2::int4)",
                {std::to_string(kRunLockClass), std::to_string(kInsertBarrier)})
            .status());
    ASSIGN_OR_RETURN(
        PgResult inserted,
        connection.ExecParams(
            fmt::format("INSERT INTO \"{}\" (started_at, files, tool_version) "
                        "VALUES (now(), $1, $2) RETURNING id",
                        kRunTable),
            {start.files_json, start.tool_version}));
    ASSIGN_OR_RETURN(id, inserted.Int(0, 0));
    // A session lock taken inside the transaction outlives its COMMIT.
    return HoldRunLock(connection, id);
  });
  if (!status.ok()) {
    // Taken before a failed COMMIT, the lock would outlive the transaction.
    if (id != 0 && !connection.lost()) {
      (void)ReleaseRunLock(connection, id);
    }
    return status.WithContext(kRunTable);
  }
  RETURN_IF_ERROR(AbandonDeadRuns(connection, id).WithContext(kRunTable));
  return id;
}

Status CloseRun(PgConnection& connection, int64_t run_id, RunOutcome outcome,
                std::string_view counts_json) {
  RETURN_IF_ERROR(
      connection
          .ExecParams(
              fmt::format("UPDATE \"{}\" SET finished_at = now(), "
                          "outcome = $2, counts = $3 WHERE id = $1::int8",
                          kRunTable),
              {std::to_string(run_id), std::string(RunOutcomeName(outcome)),
               std::string(counts_json)})
          .status()
          .WithContext(kRunTable));
  return ReleaseRunLock(connection, run_id);
}

Status RecordWrites(PgConnection& connection, int64_t run_id,
                    const std::vector<PlannedWrite>& writes) {
  if (writes.empty()) return Status::Ok();
  // Staged rows start unwritten; jao_stage_written marks those written.
  RETURN_IF_ERROR(
      connection
          .Exec(fmt::format(
              "CREATE TEMP TABLE {} (id int4, written bool, inserted bool, "
              "text_changed bool, fields int4, last_updated timestamptz, "
              "digest bytea, before bytea) ON COMMIT DROP",
              kStageFeed))
          .status()
          .WithContext(kStageFeed));
  CopyWriter rows;
  bool any_staged = false;
  for (const PlannedWrite& w : writes) {
    any_staged = any_staged || w.staged;
    rows.BeginTuple(8);
    rows.AddInt4(w.id);
    rows.AddBool(!w.staged);
    rows.AddBool(!w.present);
    rows.AddBool(w.plan.text_changed);
    rows.AddInt4(static_cast<int32_t>(w.plan.fields));
    rows.AddTimestamptz(w.last_updated_us);
    rows.AddBytea(w.digest);
    w.plan.before ? rows.AddBytea(EncodeDigest(*w.plan.before))
                  : rows.AddNull();
  }
  RETURN_IF_ERROR(
      connection
          .CopyIn(fmt::format("COPY {} FROM STDIN WITH (FORMAT binary)",
                              kStageFeed),
                  std::move(rows).Finish())
          .status()
          .WithContext(kStageFeed));
  const std::string run = std::to_string(run_id);
  if (any_staged) {
    // Written otherwise than planned: nothing is known of the state before.
    RETURN_IF_ERROR(
        connection
            .ExecParams(
                fmt::format(
                    "UPDATE {0} f SET written = true, inserted = w.inserted, "
                    "text_changed = f.text_changed OR w.inserted <> "
                    "f.inserted, fields = CASE WHEN w.inserted = f.inserted "
                    "THEN f.fields ELSE $1::int4 END, before = CASE WHEN "
                    "w.inserted = f.inserted THEN f.before END FROM {1} w "
                    "WHERE w.id = f.id",
                    kStageFeed, kStageWritten),
                {std::to_string(kAllFields)})
            .status()
            .WithContext(kStageFeed));
  }
  RETURN_IF_ERROR(
      connection
          .ExecParams(
              fmt::format(
                  "INSERT INTO \"{}\" (vacancy_id, run_id, digest, before) "
                  "SELECT id, $1::int8, digest, before FROM {} WHERE written "
                  "ORDER BY id ON CONFLICT (vacancy_id) DO UPDATE SET run_id "
                  "= EXCLUDED.run_id, digest = EXCLUDED.digest, before = "
                  "EXCLUDED.before",
                  kDigestTable, kStageFeed),
              {run})
          .status()
          .WithContext(kDigestTable));
  if (run_id > 0) {
    // A vacancy the run wrote in an earlier chunk keeps its one line, and
    // the line stays 'inserted' if the run inserted it; its comparison with
    // the state before the run is this write's (FeedWrite::before).
    RETURN_IF_ERROR(
        connection
            .ExecParams(
                fmt::format(
                    "INSERT INTO \"{}\" AS c (run_id, vacancy_id, change, "
                    "text_changed, fields, last_updated) SELECT $1::int8, "
                    "id, CASE WHEN inserted THEN 'inserted' ELSE 'updated' "
                    "END, text_changed, fields, last_updated FROM {} WHERE "
                    "written ORDER BY id ON CONFLICT (run_id, vacancy_id) DO "
                    "UPDATE SET change = CASE WHEN EXCLUDED.change = "
                    "'inserted' THEN 'inserted' ELSE c.change END, "
                    "text_changed = EXCLUDED.text_changed, fields = "
                    "EXCLUDED.fields, last_updated = EXCLUDED.last_updated",
                    kChangeTable, kStageFeed),
                {run})
            .status()
            .WithContext(kChangeTable));
  }
  // ON COMMIT DROP is not enough when one transaction spans several chunks
  // (the first load).
  return connection.Exec(fmt::format("DROP TABLE {}", kStageFeed))
      .status()
      .WithContext(kStageFeed);
}

Result<std::unique_ptr<ChangeFeedReader>> OpenFeedReader(
    std::string_view conninfo, int64_t lock_timeout_ms) {
  ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection,
                   PgConnection::Connect(conninfo));
  RETURN_IF_ERROR(connection->SetLockTimeout(lock_timeout_ms));
  return std::unique_ptr<ChangeFeedReader>(
      std::make_unique<PgFeedReader>(std::move(connection), lock_timeout_ms));
}

Result<int64_t> PruneFeed(std::string_view conninfo, int64_t through_run_id,
                          int64_t lock_timeout_ms) {
  ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> connection,
                   PgConnection::Connect(conninfo));
  RETURN_IF_ERROR(connection->SetLockTimeout(lock_timeout_ms));
  ASSIGN_OR_RETURN(PgResult exists,
                   connection->ExecParams(
                       "SELECT to_regclass(quote_ident($1)) IS NOT NULL AND "
                       "to_regclass(quote_ident($2)) IS NOT NULL",
                       {std::string(kRunTable), std::string(kChangeTable)}));
  if (exists.Text(0, 0) != "t") return 0;
  int64_t deleted = 0;
  Status pruned = InTransaction(*connection, [&]() -> Status {
    const std::string run = std::to_string(through_run_id);
    ASSIGN_OR_RETURN(
        PgResult open,
        connection->ExecParams(
            fmt::format("SELECT count(*) FROM \"{}\" WHERE id = $1::int8 AND "
                        "outcome IS NULL",
                        kRunTable),
            {run}));
    ASSIGN_OR_RETURN(int64_t still_open, open.Int(0, 0));
    if (still_open != 0) return RunStillOpen(through_run_id);
    ASSIGN_OR_RETURN(
        PgResult erased,
        connection->ExecParams(
            fmt::format("DELETE FROM \"{0}\" WHERE run_id <= $1::int8 AND "
                        "run_id IN (SELECT id FROM \"{1}\" WHERE outcome IS "
                        "NOT NULL)",
                        kChangeTable, kRunTable),
            {run}));
    deleted = erased.AffectedRows();
    return Status::Ok();
  });
  RETURN_IF_ERROR(pruned);
  return deleted;
}

}  // namespace jao::db::postgres
