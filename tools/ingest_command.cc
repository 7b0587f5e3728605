#include "tools/ingest_command.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "db/loader.h"
#include "ingest/pipeline.h"
#include "ingest/progress.h"
#include "ingest/reject_sink.h"
#include "ingest/summary.h"
#include "tools/error_report.h"

namespace jao::tools {
namespace {

Status WriteSummaryJson(const std::string& path,
                        const ingest::RunSummary& summary) {
  std::ofstream out(path, std::ios::trunc);
  // A file name need not be UTF-8: replace, never throw (type_error.316).
  out << ingest::SummaryJson(summary).dump(
             2, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
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
  ingest::Progress progress(stderr, isatty(fileno(stderr)) != 0);
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
  std::fputs(ingest::FormatSummary(pipeline.summary()).c_str(), stdout);
  std::fflush(stdout);
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
  command
      ->add_option("--db", options->db,
                   "SQLite path, sqlite:///path or postgresql://... URL")
      ->capture_default_str();
  command
      ->add_option("--chunk-size", options->chunk_size,
                   "rows per chunk (one transaction each)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--rejects", options->rejects_path,
                      "write rejected rows here as JSON lines");
  command
      ->add_option("--max-rejects", options->max_rejects,
                   "stop when more rows than this are rejected")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--summary-json", options->summary_json_path,
                      "write the summary here as JSON");
  command->add_flag("--dry-run", options->dry_run,
                    "validate and count only; write nothing");
  return command;
}

int RunIngest(const IngestOptions& options) {
  Status status = Ingest(options);
  if (!status.ok()) return ReportError(status.message());
  return 0;
}

}  // namespace jao::tools
