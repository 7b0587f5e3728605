// `jao-ingest inspect FILE [--format text|json]`: what a Parquet file holds,
// without its values: the schema (names, physical and logical types, required /
// optional, why a column cannot be read), created_by, the key/value metadata
// keys, and per row group its rows and bytes and per column chunk its codec,
// encodings and pages (found by walking the page headers).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace jao::tools {

struct InspectOptions {
  std::string file;
  std::string format = "text";  // or "json": the same facts for scripts
};

// Declares the subcommand and its arguments on `app`, filling `options`.
CLI::App* AddInspectCommand(CLI::App& app, InspectOptions* options);

// Prints the report on stdout; returns the exit status (errors: one line on
// stderr, status 1).
int RunInspect(const InspectOptions& options);

}  // namespace jao::tools
