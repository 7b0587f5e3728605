#include "tools/changes_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <unordered_map>
#include <vector>

#include "common/timestamp.h"
#include "db/backends.h"
#include "db/stored_fields.h"
#include "tools/database_argument.h"
#include "tools/error_report.h"
#include "tools/standard_output.h"
#include "tools/usage.h"

namespace jao::tools {
namespace {

std::string LastUpdatedText(const db::Change& change, bool csv) {
  if (!change.last_updated_us) return csv ? "" : "null";
  const std::string text = IsoTimestampText(*change.last_updated_us, 6);
  return csv ? text : '"' + text + '"';
}

std::string FormatChange(const db::Change& change, bool csv) {
  const std::string run = std::to_string(change.run_id);
  const std::string vacancy = std::to_string(change.vacancy_id);
  const std::string name(db::ChangeName(change));
  const std::string text_changed = change.text_changed ? "true" : "false";
  if (csv) {
    return fmt::format("{},{},{},{},{},{}\n", run, vacancy, name, text_changed,
                       db::FieldNames(change.fields, ";"),
                       LastUpdatedText(change, true));
  }
  const std::string names = db::FieldNames(change.fields, R"(",")");
  return fmt::format(
      R"({{"run_id":{},"vacancy_id":{},"change":"{}","text_changed":{},)"
      R"("fields":[{}],"last_updated":{}}})"
      "\n",
      run, vacancy, name, text_changed, names.empty() ? "" : '"' + names + '"',
      LastUpdatedText(change, false));
}

// --distinct: a vacancy's last change in the range, its text changed if any
// change in the range changed it, its fields those any change named.
class DistinctChanges {
 public:
  void Add(const db::Change& change) {
    auto it = by_vacancy_.find(change.vacancy_id);
    const bool added = it == by_vacancy_.end();
    if (added) it = by_vacancy_.emplace(change.vacancy_id, Entry{change}).first;
    Entry& entry = it->second;
    if (!added) {
      const bool text_changed =
          entry.change.text_changed || change.text_changed;
      const db::FieldMask fields = entry.change.fields | change.fields;
      entry.change = change;
      entry.change.text_changed = text_changed;
      entry.change.fields = fields;
    }
    entry.order = next_order_++;
  }
  // In the order of each vacancy's last change.
  std::vector<db::Change> InOrder() const {
    std::vector<const Entry*> entries;
    entries.reserve(by_vacancy_.size());
    for (const auto& [id, entry] : by_vacancy_) entries.push_back(&entry);
    std::sort(
        entries.begin(), entries.end(),
        [](const Entry* a, const Entry* b) { return a->order < b->order; });
    std::vector<db::Change> changes;
    changes.reserve(entries.size());
    for (const Entry* entry : entries) changes.push_back(entry->change);
    return changes;
  }

 private:
  struct Entry {
    db::Change change;
    int64_t order = 0;
  };
  std::unordered_map<int64_t, Entry> by_vacancy_;
  int64_t next_order_ = 0;
};

// The one-line notes on stderr that say why the output ends where it does.
void NoteWhereTheReadEnded(const ChangesOptions& options,
                           const db::FeedReadEnd& end) {
  if (options.since >= end.last_run) {
    std::fprintf(stderr,
                 "jao-ingest: note: no run after run %lld (the last run is "
                 "%lld): nothing to print\n",
                 static_cast<long long>(options.since),
                 static_cast<long long>(end.last_run));
    return;
  }
  if (end.blocking_run != 0 && end.blocking_run <= options.until) {
    std::fprintf(stderr,
                 "jao-ingest: note: stopped before run %lld, which is still "
                 "loading; its changes and later runs' come in a later read\n",
                 static_cast<long long>(end.blocking_run));
  }
}

Status PrintChanges(const ChangesOptions& options, const std::string& target) {
  ASSIGN_OR_RETURN(std::unique_ptr<db::ChangeFeedReader> reader,
                   db::OpenChangeFeedReader(
                       target, LockTimeoutMs(options.lock_timeout_seconds)));
  const bool csv = options.format == "csv";
  if (csv) {
    RETURN_IF_ERROR(WriteStdout(
        "run_id,vacancy_id,change,text_changed,fields,last_updated\n"));
  }
  DistinctChanges distinct;
  ASSIGN_OR_RETURN(
      db::FeedReadEnd end,
      reader->Read(
          db::FeedRange{.since = options.since, .until = options.until},
          [&](const db::Change& change) -> Status {
            if (options.distinct) {
              distinct.Add(change);
              return Status::Ok();
            }
            if (options.text_changed && !change.text_changed) {
              return Status::Ok();
            }
            return WriteStdout(FormatChange(change, csv));
          }));
  for (const db::Change& change : distinct.InOrder()) {
    if (options.text_changed && !change.text_changed) continue;
    RETURN_IF_ERROR(WriteStdout(FormatChange(change, csv)));
  }
  RETURN_IF_ERROR(FlushStdout());
  if (!options.quiet) NoteWhereTheReadEnded(options, end);
  return Status::Ok();
}

Status PruneChanges(const ChangesOptions& options, const std::string& target) {
  ASSIGN_OR_RETURN(
      int64_t deleted,
      db::PruneChangeFeed(target, options.prune_through,
                          LockTimeoutMs(options.lock_timeout_seconds)));
  std::fprintf(stderr,
               "jao-ingest: deleted %lld change rows of the finished runs "
               "through run %lld\n",
               static_cast<long long>(deleted),
               static_cast<long long>(options.prune_through));
  return Status::Ok();
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
  AddWholeNumberOption(
      command, "--until", [options](int64_t id) { options->until = id; }, 0,
      std::numeric_limits<int64_t>::max(),
      "print the runs up to this run id (default: to the feed's end)");
  command->add_flag("--text-changed", options->text_changed,
                    "only the vacancies whose title, summary or description "
                    "changed (what an embedder re-embeds)");
  command->add_flag("--distinct", options->distinct,
                    "one line a vacancy over the whole range: its last "
                    "change, its text changed if any change changed it, its "
                    "fields those any change named");
  AddWholeNumberOption(
      command, "--prune-through",
      [options](int64_t id) { options->prune_through = id; }, 1,
      std::numeric_limits<int64_t>::max(),
      "instead of printing, delete the change rows of the finished runs up "
      "to this run id (refused when that run is still open) and say how "
      "many");
  command->add_flag("-q,--quiet", options->quiet,
                    "no notes on stderr (errors are still printed)");
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

  jao-ingest changes --db jao.sqlite3 --since 41 --text-changed
  jao-ingest changes --db jao.sqlite3 --since 0 --distinct   (a new embedder)
  jao-ingest changes --db jao.sqlite3 --prune-through 41
Each line is one vacancy a run inserted or updated, ordered by run id, with
what changed against the database before that run:
  {"run_id":42,"vacancy_id":1001,"change":"updated","text_changed":false,
   "fields":["last_updated","statistics"],"last_updated":"2026-12-07T10:00:00.000000Z"}
(one line, wrapped here). `fields` names title, summary, description,
last_updated, live_date, closing_date, min_salary, max_salary, department,
grades, role_types, statistics; an inserted vacancy names them all.
The output stops before the first run still loading (a run whose ingester
was killed counts as ended) and says so on stderr, so keep the largest
run_id printed and pass it as --since next time: nothing is printed twice or
missed. A run that printed no line (an unchanged re-ingest) moves no cursor;
run again later.

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
  Status status = options.prune_through > 0
                      ? PruneChanges(options, database->text)
                      : PrintChanges(options, database->text);
  if (!status.ok()) return ReportError(status.message());
  return 0;
}

}  // namespace jao::tools
