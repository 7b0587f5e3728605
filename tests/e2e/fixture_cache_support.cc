// See fixture_cache_support.h.
#include "e2e/fixture_cache_support.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>

#include "e2e/process_support.h"

namespace jao::e2e {
namespace {

namespace fs = std::filesystem;

// FNV-1a, 64 bits: enough to tell cached files apart; not security.
uint64_t Fnv1a(std::string_view bytes, uint64_t hash = 14695981039346656037u) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211u;
  }
  return hash;
}

// The fixture scripts' content: a change to any of them makes new files.
uint64_t ToolsHash() {
  static const uint64_t hash = [] {
    uint64_t h = Fnv1a("jao-e2e-cache/1");
    std::vector<fs::path> files = {
        fs::path(FixturesDir()) / "generate-legacy.mjs",
        fs::path(FixturesDir()) / "expect-ingest.mjs",
        fs::path(FixturesDir()) / "later-export.mjs",
        fs::path(FixturesDir()) / "package-lock.json"};
    for (const auto& entry :
         fs::directory_iterator(fs::path(FixturesDir()) / "lib")) {
      files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      h = Fnv1a(file.filename().string(), h);
      h = Fnv1a(ReadFileText(file.string()), h);
    }
    return h;
  }();
  return hash;
}

std::string CacheDir() {
  const char* env = std::getenv("JAO_E2E_CACHE");
  fs::path dir = env != nullptr && *env != '\0'
                     ? fs::path(env)
                     : fs::path(JAO_BINARY).parent_path() / "e2e-cache";
  fs::create_directories(dir);
  return dir.string();
}

std::string KeyOf(std::string_view kind, const std::vector<std::string>& args) {
  uint64_t h = Fnv1a(kind, ToolsHash());
  for (const std::string& a : args) h = Fnv1a(a + '\0', h);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string(kind) + "-" + hex;
}

// Returns CacheDir()/name, calling make(tmp_path) first when it is absent;
// make writes tmp_path (a file or a folder), which is then renamed into place.
std::string Cached(const std::string& name,
                   const std::function<void(const std::string&)>& make) {
  std::string path = CacheDir() + "/" + name;
  if (fs::exists(path)) return path;
  std::string lock_path = path + ".lock";
  int lock = open(lock_path.c_str(), O_RDWR | O_CREAT, 0644);
  if (lock < 0) throw std::runtime_error("cannot open " + lock_path);
  flock(lock, LOCK_EX);
  try {
    if (!fs::exists(path)) {
      std::string tmp = path + ".tmp" + std::to_string(getpid());
      make(tmp);
      fs::rename(tmp, path);
    }
  } catch (...) {
    close(lock);
    throw;
  }
  close(lock);
  return path;
}

void RunOrThrow(const std::vector<std::string>& argv) {
  ProcessResult result = RunProcess(argv, FixturesDir(), CacheDir());
  if (result.exit_code != 0) {
    throw std::runtime_error(CommandLine(argv) + " exited " +
                             std::to_string(result.exit_code) + ": " +
                             result.err);
  }
}

// Runs one DuckDB statement in Node (module resolution from fixtures/).
void RunDuckDb(const std::string& sql) {
  static const char* kScript =
      "import { DuckDBInstance } from '@duckdb/node-api';"
      "const db = await DuckDBInstance.create(':memory:', {threads: '1'});"
      "const c = await db.connect();"
      "await c.run(process.argv[1]);";
  RunOrThrow({"node", "--input-type=module", "-e", kScript, sql});
}

std::string SqlString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

}  // namespace

std::string SourceDir() { return JAO_SOURCE_DIR; }

std::string FixturesDir() { return SourceDir() + "/fixtures"; }

std::string GeneratedFile(const std::vector<std::string>& args) {
  return Cached(KeyOf("legacy", args) + ".parquet",
                [&](const std::string& tmp) {
                  std::vector<std::string> argv = {
                      "node", FixturesDir() + "/generate-legacy.mjs"};
                  argv.insert(argv.end(), args.begin(), args.end());
                  argv.push_back("--out");
                  argv.push_back(tmp);
                  RunOrThrow(argv);
                });
}

std::string FileWithoutColumn(const std::string& file,
                              const std::string& column) {
  return Cached(KeyOf("without", {file, column}) + ".parquet",
                [&](const std::string& tmp) {
                  RunDuckDb("COPY (SELECT * EXCLUDE (\"" + column +
                            "\", file_row_number) FROM read_parquet(" +
                            SqlString(file) +
                            ", file_row_number = true) ORDER BY "
                            "file_row_number) TO " +
                            SqlString(tmp) + " (FORMAT parquet)");
                });
}

std::string FilePrefix(const std::string& file, int64_t rows) {
  return Cached(KeyOf("prefix", {file, std::to_string(rows)}) + ".parquet",
                [&](const std::string& tmp) {
                  RunDuckDb(
                      "COPY (SELECT * EXCLUDE (file_row_number) FROM "
                      "read_parquet(" +
                      SqlString(file) +
                      ", file_row_number = true) WHERE file_row_number "
                      "< " +
                      std::to_string(rows) + " ORDER BY file_row_number) TO " +
                      SqlString(tmp) + " (FORMAT parquet)");
                });
}

std::vector<std::optional<int64_t>> VacancyIdsByRow(const std::string& file) {
  std::string path =
      Cached(KeyOf("ids", {file}) + ".csv", [&](const std::string& tmp) {
        RunDuckDb("COPY (SELECT vacancy_id FROM read_parquet(" +
                  SqlString(file) +
                  ", file_row_number = true) ORDER BY file_row_number) TO " +
                  SqlString(tmp) + " (FORMAT csv, HEADER false)");
      });
  std::vector<std::optional<int64_t>> ids;
  for (const std::string& line : Lines(ReadFileText(path))) {
    if (line.empty()) {
      ids.push_back(std::nullopt);
    } else {
      ids.push_back(std::stoll(line));
    }
  }
  return ids;
}

nlohmann::json ExpectedState(const std::vector<std::string>& files,
                             int64_t chunk_size) {
  std::vector<std::string> key = files;
  key.push_back(std::to_string(chunk_size));
  std::string path =
      Cached(KeyOf("expected", key) + ".json", [&](const std::string& tmp) {
        std::vector<std::string> argv = {
            "node",         FixturesDir() + "/expect-ingest.mjs",
            "--db-state",   tmp,
            "--chunk-size", std::to_string(chunk_size)};
        argv.insert(argv.end(), files.begin(), files.end());
        RunOrThrow(argv);
      });
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

LaterExport LaterExportOf(const std::string& base) {
  std::string dir =
      Cached(KeyOf("later-export", {base}), [&](const std::string& tmp) {
        RunOrThrow({"node", FixturesDir() + "/later-export.mjs", "--base", base,
                    "--out-dir", tmp});
      });
  std::ifstream in(dir + "/expected.json");
  return {dir + "/later.parquet", nlohmann::json::parse(in)};
}

}  // namespace jao::e2e
