#include "tools/changes_command.h"

#include <limits>

#include "db/backends.h"
#include "tools/database_argument.h"
#include "tools/error_report.h"
#include "tools/standard_output.h"
#include "tools/usage.h"

namespace jao::tools {
namespace {

std::string FormatChange(const db::Change& change, bool csv) {
  const std::string run = std::to_string(change.run_id);
  const std::string vacancy = std::to_string(change.vacancy_id);
  const std::string_view name = db::ChangeName(change);
  if (csv) return run + ',' + vacancy + ',' + std::string(name) + '\n';
  return R"({"run_id":)" + run + R"(,"vacancy_id":)" + vacancy +
         R"(,"change":")" + std::string(name) + "\"}\n";
}

Status PrintChanges(const ChangesOptions& options, const std::string& target) {
  ASSIGN_OR_RETURN(std::unique_ptr<db::ChangeFeedReader> reader,
                   db::OpenChangeFeedReader(
                       target, LockTimeoutMs(options.lock_timeout_seconds)));
  const bool csv = options.format == "csv";
  if (csv) RETURN_IF_ERROR(WriteStdout("run_id,vacancy_id,change\n"));
  RETURN_IF_ERROR(reader->Read(options.since, [&](const db::Change& change) {
    return WriteStdout(FormatChange(change, csv));
  }));
  return FlushStdout();
}

}  // namespace

CLI::App* AddChangesCommand(CLI::App& app, ChangesOptions* options) {
  CLI::App* command = app.add_subcommand(
      "changes",
      "print the vacancies each run inserted or updated (the change feed)");
  command
      ->add_option("--db", options->db,
                   "SQLite path, sqlite:///path, postgresql://... URL or "
                   "libpq key=value string (default: $DATABASE_URL)")
      ->each([options](const std::string&) { options->db_given = true; });
  AddWholeNumberOption(
      command, "--since", [options](int64_t id) { options->since = id; }, 0,
      std::numeric_limits<int64_t>::max(),
      "print the runs after this run id (default 0: every run)");
  command->add_option("--format", options->format, "jsonl (default) or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  AddLockTimeoutOption(
      command, &options->lock_timeout_seconds,
      "seconds to wait for another session's lock (PostgreSQL: the feed's "
      "run-insert barrier, advisory lock (1784770406, 0), which a run "
      "holds while it starts; SQLite: a first load's write lock) before "
      "failing with an error naming it (default 60, 0: no limit)");
  command->footer(
      std::string(R"(Examples:
  jao-ingest changes --db jao.sqlite3
  jao-ingest changes --db postgresql://embedder@db.example/jao --since 41
  DATABASE_URL=sqlite:///jao.sqlite3 jao-ingest changes --since 7 --format csv

Each line is one vacancy a run inserted or updated, ordered by run id:
  {"run_id":42,"vacancy_id":1001,"change":"inserted"}
The output stops before the first run still loading (a run whose ingester
was killed counts as ended), so keep the largest run_id printed and pass it
as --since next time: nothing is printed twice or missed. A run that printed
no line (an unchanged re-ingest) moves no cursor; run again later.

Environment:
)") + std::string(kDatabaseEnvironmentHelp) +
      R"(  PGCONNECT_TIMEOUT and the other libpq PG* variables apply to PostgreSQL

Exit status: 0 done (also when the database has no feed yet), 1 a database
error (a lock wait beyond --lock-timeout included), a missing SQLite file or
a write error, 2 a usage error (also a SQLite target that names no file:
'sqlite://', ':memory:').
)");
  return command;
}

int RunChanges(const ChangesOptions& options) {
  Result<DatabaseArgument> database =
      ResolveDatabase(options.db, options.db_given, /*required=*/true);
  if (!database.ok()) {
    return ReportUsageError(database.status().message(), "changes");
  }
  Status status = PrintChanges(options, database->text);
  if (!status.ok()) return ReportError(status.message());
  return 0;
}

}  // namespace jao::tools
