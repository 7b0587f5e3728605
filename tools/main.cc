// jao-ingest: the command line. Parses arguments with CLI11, dispatches to a
// command, prints one line per error and picks the exit code.
#include <CLI/CLI.hpp>
#include <cstdio>

int main(int argc, char** argv) {
  CLI::App app{"jao-ingest: load legacy vacancy Parquet files into the JAO database"};
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
