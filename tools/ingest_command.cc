#include "tools/ingest_command.h"

#include <unistd.h>

#include <cstdio>
#include <limits>

#include "db/backends.h"
#include "db/conninfo_redaction.h"
#include "db/database_target.h"
#include "ingest/pipeline.h"
#include "ingest/progress.h"
#include "ingest/reject_sink.h"
#include "ingest/summary.h"
#include "tools/database_argument.h"
#include "tools/error_report.h"
#include "tools/output_paths.h"
#include "tools/stop_signal.h"
#include "tools/summary_json_file.h"
#include "tools/usage.h"

namespace jao::tools {
namespace {

// Far above any useful chunk: memory grows with the chunk.
constexpr int64_t kMaxChunkSize = 10'000'000;

// Checks every file, then opens the rejects file and the database, and runs
// the pipeline: a missing or unfit file (the second one included) is refused
// before any output is touched, and input without rows opens no database.
// `summary` gets what was committed whatever the ending; `interrupted`
// whether a stop signal ended the run early.
Status Load(const IngestOptions& options, ingest::RunSummary& summary,
            bool& interrupted, db::SchemaReport& schema) {
  ingest::Progress progress(stderr,
                            !options.quiet && isatty(fileno(stderr)) != 0);
  ingest::PipelineOptions pipeline_options;
  pipeline_options.chunk_size = options.chunk_size;
  pipeline_options.max_rejects = options.max_rejects;
  pipeline_options.dry_run = options.dry_run;
  pipeline_options.stop_requested = [] { return StopSignal() != 0; };
  pipeline_options.tool_version = JAO_VERSION;
  // Counts only, until the rejects file is open.
  auto rejects = std::make_unique<ingest::RejectSink>();
  ingest::Pipeline pipeline(nullptr, rejects.get(), pipeline_options,
                            ReportWarning, &progress);
  std::unique_ptr<db::Loader> loader;
  Status status = [&]() -> Status {
    RETURN_IF_ERROR(pipeline.Open(options.files));
    // The schema, read only, before any output is opened: a refusal writes
    // nothing (a dry run given --db checks it too).
    if (!options.db.empty() && (!options.dry_run || options.db_given)) {
      ASSIGN_OR_RETURN(schema, db::InspectSchema(options.db));
      RETURN_IF_ERROR(schema.AsStatus());
      pipeline.set_column_limits(schema.limits);
    }
    if (!options.rejects_path.empty()) {
      ASSIGN_OR_RETURN(rejects,
                       ingest::RejectSink::OpenFile(options.rejects_path));
      pipeline.set_rejects(rejects.get());
    }
    // A dry run opens no database at all, so it cannot write by accident;
    // neither does a run with no rows to write.
    if (!options.dry_run && pipeline.rows_in_files() > 0) {
      db::LoaderOptions loader_options;
      loader_options.lock_timeout_ms =
          LockTimeoutMs(options.lock_timeout_seconds);
      loader_options.first_load = !options.no_first_load;
      ASSIGN_OR_RETURN(loader, db::OpenLoader(options.db, loader_options));
      pipeline.set_loader(loader.get());
    }
    return pipeline.Run();
  }();
  summary = pipeline.summary();
  summary.schema_notes = schema.Notes();
  interrupted = pipeline.interrupted();
  return status;
}

// "interrupted by SIGTERM: 7 chunks (700 rows) committed; ..."
std::string StoppedMessage(const ingest::RunSummary& summary) {
  std::string done = std::to_string(summary.chunks_committed()) + " chunks (" +
                     std::to_string(summary.rows_committed()) + " rows)";
  if (summary.dry_run) {
    return "interrupted by " + summary.stopped_by + ": " + done +
           " validated, nothing written";
  }
  return "interrupted by " + summary.stopped_by + ": " + done +
         " committed; running the same command again finishes the load "
         "and converges on the same state";
}

// Whether `db`, typed on the command line, is a PostgreSQL target holding
// a password.
bool IsPostgresPasswordGiven(const std::string& db) {
  Result<db::DatabaseTarget> target = db::ParseDatabaseTarget(db);
  const bool postgres =
      !target.ok() ||
      target->backend == db::DatabaseTarget::Backend::kPostgresql;
  return !db.empty() && postgres && db::HoldsPassword(db);
}

}  // namespace

CLI::App* AddIngestCommand(CLI::App& app, IngestOptions* options) {
  CLI::App* command = app.add_subcommand(
      "ingest", "load vacancy Parquet files into the database");
  command->add_option("files", options->files, "Parquet files, loaded in order")
      ->required();
  command
      ->add_option("--db", options->db,
                   "SQLite path, sqlite:///path, postgresql://... URL or "
                   "libpq key=value string (default: $DATABASE_URL); never "
                   "in memory (':memory:', 'sqlite://' are refused)")
      ->each([options](const std::string&) { options->db_given = true; });
  AddWholeNumberOption(
      command, "--chunk-size",
      [options](int64_t rows) { options->chunk_size = rows; }, 1, kMaxChunkSize,
      "rows per chunk, one transaction each (default 5000)");
  command->add_option("--rejects", options->rejects_path,
                      "write rejected rows here as JSON lines (never an "
                      "input, the database or one of its files)");
  AddWholeNumberOption(
      command, "--max-rejects",
      [options](int64_t rows) { options->max_rejects = rows; }, 0,
      std::numeric_limits<int64_t>::max(),
      "stop when more rows than this are rejected");
  command->add_option("--summary-json", options->summary_json_path,
                      "write the summary here as JSON, whatever the ending "
                      "('-': standard output); replaced whole at the end, a "
                      "killed run leaves the previous one");
  command->add_flag("--dry-run", options->dry_run,
                    "validate and count only; open no database, write nothing");
  command->add_flag("--quiet,-q", options->quiet,
                    "no progress line and no summary table (errors and "
                    "warnings still go to stderr)");
  AddLockTimeoutOption(command, &options->lock_timeout_seconds,
                       "seconds a statement may wait for another session's "
                       "lock (SQLite: another writer's, e.g. a first load's) "
                       "before the chunk is rolled back and the run ends "
                       "(default 60, 0: no limit)");
  command->add_flag("--no-first-load", options->no_first_load,
                    "load empty tables chunk by chunk too (each chunk "
                    "committed) instead of in one transaction with the "
                    "indexes (PostgreSQL: and foreign keys) rebuilt at the "
                    "end, where a failure or a crash takes back the whole "
                    "run");
  command->footer(
      std::string(R"(Examples:
  jao-ingest ingest export.parquet --db jao.sqlite3
  jao-ingest ingest a.parquet b.parquet --db postgresql://loader@db.example/jao \
      --rejects rejects.jsonl --summary-json summary.json
  DATABASE_URL=sqlite:///jao.sqlite3 jao-ingest ingest export.parquet --quiet

Environment:
)") + std::string(kDatabaseEnvironmentHelp) +
      R"(  PGCONNECT_TIMEOUT and the other libpq PG* variables apply to PostgreSQL
                 (connect_timeout defaults to 10 s; a URL value wins)

Exit status: 0 the run completed (rejected rows included), 1 it failed,
2 a usage error (also: an output path that is an input, the database or
one of its files, or the other output), 3 the database's schema does not
fit (a line per difference; nothing written; see 'jao-ingest check
--help'), 130 / 143 stopped by SIGINT / SIGTERM (whole chunks kept; the
same command again converges). A stop that reaches no chunk boundary
within 30 s (a wait that does not end) ends the process then, as a second
signal does.
)");
  return command;
}

int RunIngest(const IngestOptions& given) {
  IngestOptions options = given;
  Result<DatabaseArgument> database =
      ResolveDatabase(options.db, options.db_given, !options.dry_run);
  if (!database.ok()) {
    return ReportUsageError(database.status().message(), "ingest");
  }
  options.db = database->text;
  // Before anything is opened for writing (the rejects file is truncated,
  // SQLite creates its files, the summary is replaced).
  RunPaths paths;
  paths.inputs = options.files;
  paths.database_label = database->Label();
  paths.sqlite_path = database->sqlite_path;
  paths.rejects = options.rejects_path;
  paths.summary_json = options.summary_json_path;
  if (Status checked = CheckRunPaths(paths); !checked.ok()) {
    return ReportUsageError(checked.message(), "ingest");
  }
  InstallStopHandlers();
  ingest::RunSummary summary;
  const auto started = std::chrono::system_clock::now();
  SummaryJsonFile json;
  if (Status opened = json.Open(options.summary_json_path); !opened.ok()) {
    return ReportError(opened.message());
  }
  bool interrupted = false;
  db::SchemaReport schema;
  Status status = Load(options, summary, interrupted, schema);
  if (IsPostgresPasswordGiven(given.db)) {
    summary.warnings.emplace_back(kPasswordOnCommandLineWarning);
  }
  summary.started_at = started;
  summary.finished_at = std::chrono::system_clock::now();
  if (!status.ok()) {
    summary.outcome = ingest::RunOutcome::kFailed;
    summary.error = status.message();
  } else if (interrupted) {
    summary.outcome = ingest::RunOutcome::kInterrupted;
    summary.stopped_by = SignalName(StopSignal());
  }
  // Standard output carries the summary of a completed run only, unless
  // the JSON goes there.
  const bool completed = summary.outcome == ingest::RunOutcome::kCompleted;
  std::FILE* text = completed && !json.to_stdout() ? stdout : stderr;
  if (!options.quiet) {
    std::fputs(ingest::FormatSummary(summary).c_str(), text);
    std::fflush(text);
  }
  Status written = json.Write(summary);
  if (schema.refused()) return ReportSchemaRefusal(schema.refusals);
  if (status.code() == StatusCode::kSchema) {
    ReportError(status.message());
    return kSchemaExitStatus;
  }
  if (!status.ok()) return ReportError(status.message());
  if (!written.ok()) return ReportError(written.message());
  if (interrupted) {
    ReportStopped(StoppedMessage(summary));
    return 128 + StopSignal();
  }
  return 0;
}

}  // namespace jao::tools
