// `jao-ingest cat FILE [--columns a,b] [--limit N] [--format jsonl|csv]`:
// prints rows in the canonical value text (parquet/value_text.h), one row a
// line: a JSON object keyed by column name, or CSV with a header line.
// Without --columns every readable column is printed and each unreadable one
// is named in a warning.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace jao::tools {

struct CatOptions {
  std::string file;
  std::vector<std::string> columns;
  int64_t limit = -1;  // -1: all rows
  std::string format = "jsonl";
};

CLI::App* AddCatCommand(CLI::App& app, CatOptions* options);

// Prints the rows on stdout; returns the exit status (errors: one line on
// stderr, status 1).
int RunCat(const CatOptions& options);

}  // namespace jao::tools
