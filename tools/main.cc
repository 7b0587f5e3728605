// jao-ingest: the command line. Parses arguments with CLI11, dispatches to a
// command, prints one line per error and picks the exit code: 0 done, 1 a
// runtime error, 2 a usage error, 3 a schema refused.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "common/utf8.h"
#include "tools/cat_command.h"
#include "tools/changes_command.h"
#include "tools/check_command.h"
#include "tools/error_report.h"
#include "tools/ingest_command.h"
#include "tools/inspect_command.h"
#include "tools/usage.h"

namespace {

int Dispatch(int argc, char** argv) {
  CLI::App app{
      "jao-ingest: load legacy vacancy Parquet files into the JAO database"};
  app.set_version_flag("--version", std::string("jao-ingest ") + JAO_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Run 'jao-ingest COMMAND --help' for a command's options, examples\n"
      "and the environment variables it reads.\n");
  jao::tools::InspectOptions inspect;
  CLI::App* inspect_command = jao::tools::AddInspectCommand(app, &inspect);
  jao::tools::CatOptions cat;
  CLI::App* cat_command = jao::tools::AddCatCommand(app, &cat);
  jao::tools::IngestOptions ingest;
  CLI::App* ingest_command = jao::tools::AddIngestCommand(app, &ingest);
  jao::tools::ChangesOptions changes;
  CLI::App* changes_command = jao::tools::AddChangesCommand(app, &changes);
  jao::tools::CheckOptions check;
  CLI::App* check_command = jao::tools::AddCheckCommand(app, &check);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return jao::tools::ReportParseError(app, error);
  }
  if (ingest_command->parsed()) return jao::tools::RunIngest(ingest);
  if (inspect_command->parsed()) return jao::tools::RunInspect(inspect);
  if (cat_command->parsed()) return jao::tools::RunCat(cat);
  if (changes_command->parsed()) return jao::tools::RunChanges(changes);
  if (check_command->parsed()) return jao::tools::RunCheck(check);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Errors travel as Status; this is the last resort for an exception from
  // a library, so that it still ends in one error line and exit 1 instead
  // of an abort.
  try {
    return Dispatch(argc, argv);
  } catch (const std::exception& e) {
    return jao::tools::ReportError("internal error: " +
                                   jao::ReplaceInvalidUtf8(e.what()));
  } catch (...) {
    return jao::tools::ReportError("internal error: unknown exception");
  }
}
