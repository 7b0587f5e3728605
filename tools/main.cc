// jao-ingest: the command line. Parses arguments with CLI11, dispatches to a
// command, prints one line per error and picks the exit code.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "tools/cat_command.h"
#include "tools/inspect_command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "jao-ingest: load legacy vacancy Parquet files into the JAO database"};
  app.require_subcommand(1);
  jao::tools::InspectOptions inspect;
  CLI::App* inspect_command = jao::tools::AddInspectCommand(app, &inspect);
  jao::tools::CatOptions cat;
  CLI::App* cat_command = jao::tools::AddCatCommand(app, &cat);
  CLI11_PARSE(app, argc, argv);
  if (inspect_command->parsed()) return jao::tools::RunInspect(inspect);
  if (cat_command->parsed()) return jao::tools::RunCat(cat);
  return 0;
}
