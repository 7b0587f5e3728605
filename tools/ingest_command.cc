#include "tools/ingest_command.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>

#include "db/loader.h"
#include "ingest/pipeline.h"
#include "ingest/progress.h"
#include "ingest/reject_sink.h"
#include "ingest/summary.h"
#include "tools/error_report.h"
#include "tools/usage.h"

namespace jao::tools {
namespace {

// Far above any useful chunk: memory grows with the chunk.
constexpr int64_t kMaxChunkSize = 10'000'000;

Status WriteSummaryJson(const std::string& path,
                        const ingest::RunSummary& summary) {
  std::ofstream out(path, std::ios::trunc);
  out << ingest::SummaryJson(summary).dump(2) << '\n';
  out.close();
  if (!out) return Status::Io("cannot write summary file '" + path + "'");
  return Status::Ok();
}

Status Ingest(const IngestOptions& options) {
  std::unique_ptr<ingest::RejectSink> rejects;
  if (options.rejects_path.empty()) {
    rejects = std::make_unique<ingest::RejectSink>(nullptr);
  } else {
    ASSIGN_OR_RETURN(rejects,
                     ingest::RejectSink::OpenFile(options.rejects_path));
  }
  // A dry run opens no database at all, so it cannot write by accident.
  std::unique_ptr<db::Loader> loader;
  if (!options.dry_run) {
    ASSIGN_OR_RETURN(loader, db::OpenLoader(options.db));
  }
  ingest::Progress progress(stderr,
                            !options.quiet && isatty(fileno(stderr)) != 0);
  ingest::PipelineOptions pipeline_options;
  pipeline_options.chunk_size = options.chunk_size;
  pipeline_options.max_rejects = options.max_rejects;
  pipeline_options.dry_run = options.dry_run;
  ingest::Pipeline pipeline(loader.get(), rejects.get(), pipeline_options,
                            ReportWarning, &progress);
  Status status = pipeline.Run(options.files);
  Status rejects_status = rejects->Finish();
  RETURN_IF_ERROR(status);
  RETURN_IF_ERROR(rejects_status);
  if (!options.quiet) {
    std::fputs(ingest::FormatSummary(pipeline.summary()).c_str(), stdout);
    std::fflush(stdout);
  }
  if (!options.summary_json_path.empty()) {
    RETURN_IF_ERROR(
        WriteSummaryJson(options.summary_json_path, pipeline.summary()));
  }
  return Status::Ok();
}

}  // namespace

CLI::App* AddIngestCommand(CLI::App& app, IngestOptions* options) {
  CLI::App* command = app.add_subcommand(
      "ingest", "load vacancy Parquet files into the database");
  command->add_option("files", options->files, "Parquet files, loaded in order")
      ->required();
  command->add_option("--db", options->db,
                      "SQLite path, sqlite:///path, postgresql://... URL or "
                      "libpq key=value string (default: $DATABASE_URL)");
  AddWholeNumberOption(
      command, "--chunk-size",
      [options](int64_t rows) { options->chunk_size = rows; }, 1, kMaxChunkSize,
      "rows per chunk, one transaction each (default 5000)");
  command->add_option("--rejects", options->rejects_path,
                      "write rejected rows here as JSON lines");
  AddWholeNumberOption(
      command, "--max-rejects",
      [options](int64_t rows) { options->max_rejects = rows; }, 0,
      std::numeric_limits<int64_t>::max(),
      "stop when more rows than this are rejected");
  command->add_option("--summary-json", options->summary_json_path,
                      "write the summary here as JSON");
  command->add_flag("--dry-run", options->dry_run,
                    "validate and count only; open no database, write nothing");
  command->add_flag("--quiet,-q", options->quiet,
                    "no progress line and no summary table (errors and "
                    "warnings still go to stderr)");
  command->footer(R"(Examples:
  jao-ingest ingest export.parquet --db jao.sqlite3
  jao-ingest ingest a.parquet b.parquet --db postgresql://loader@db.example/jao \
      --rejects rejects.jsonl --summary-json summary.json
  DATABASE_URL=sqlite:///jao.sqlite3 jao-ingest ingest export.parquet --quiet

Environment:
  DATABASE_URL   the database when --db is absent (sqlite:///relative/path,
                 sqlite:////absolute/path, postgres://..., postgresql://...)
  PGPASSWORD     the PostgreSQL password (or ~/.pgpass); never printed
  PGCONNECT_TIMEOUT and the other libpq PG* variables apply to PostgreSQL

Exit status: 0 the run completed (rejected rows included), 1 it failed,
2 a usage error.
)");
  return command;
}

int RunIngest(const IngestOptions& given) {
  IngestOptions options = given;
  if (options.db.empty() && !options.dry_run) {
    const char* url = std::getenv("DATABASE_URL");
    if (url == nullptr || *url == '\0') {
      return ReportUsageError(
          "no database: give --db (e.g. --db jao.sqlite3) or set DATABASE_URL",
          "ingest");
    }
    options.db = url;
  }
  Status status = Ingest(options);
  if (!status.ok()) return ReportError(status.message());
  return 0;
}

}  // namespace jao::tools
