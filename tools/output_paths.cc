// See output_paths.h.
#include "tools/output_paths.h"

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <system_error>

#include "common/file_kind.h"

namespace jao::tools {
namespace {

namespace fs = std::filesystem;

// Enough for any chain of links a kernel follows (Linux: 40).
constexpr int kMaxLinks = 40;

// A file as far as sameness goes: its identity when it exists, else where
// it would be created.
struct FileIdentity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  std::string resolved;
};

FileIdentity Identify(const std::string& path) {
  FileIdentity identity;
  struct stat info;
  if (::stat(path.c_str(), &info) == 0) {
    identity.exists = true;
    identity.device = info.st_dev;
    identity.inode = info.st_ino;
  } else {
    identity.resolved = ResolvedPath(path);
  }
  return identity;
}

bool SameFile(const FileIdentity& a, const FileIdentity& b) {
  if (a.exists != b.exists) return false;
  if (a.exists) return a.device == b.device && a.inode == b.inode;
  return a.resolved == b.resolved;
}

// A path and how a message names it: "--rejects 'x'", "input 'x'".
struct Named {
  std::string label;
  FileIdentity identity;
};

Named NameOf(const std::string& label, const std::string& path) {
  return {label + " '" + path + "'", Identify(path)};
}

// The files SQLite keeps beside the database, named from the path as given
// and as resolved (SQLite names them from the path it opens; a link may
// stand between). The run lock keeps none (sqlite/run_lock.h).
struct SideFile {
  std::string suffix;
  FileIdentity identity;
};

std::vector<SideFile> SideFilesOf(const std::string& database) {
  const std::vector<std::string> suffixes = {"-wal", "-shm", "-journal"};
  std::vector<SideFile> sides;
  for (const std::string& base : {database, ResolvedPath(database)}) {
    for (const std::string& suffix : suffixes) {
      sides.push_back({suffix, Identify(base + suffix)});
    }
  }
  return sides;
}

// A character device (/dev/null, /dev/full) is written in place and loses
// nothing; a fifo is written in place to the reader that has it open; a
// directory, a socket or a block device cannot be an output.
enum class OutputKind { kFile, kDevice, kFifo };

Result<OutputKind> KindOfOutput(const std::string& option,
                                const std::string& path) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0 || S_ISREG(info.st_mode)) {
    return OutputKind::kFile;
  }
  if (S_ISCHR(info.st_mode)) return OutputKind::kDevice;
  if (S_ISFIFO(info.st_mode)) return OutputKind::kFifo;
  return Status::InvalidArgument(option + " '" + path +
                                 "' is not a regular file (" +
                                 std::string(FileKindName(info.st_mode)) + ")");
}

// The side file of `database` that `file` is, as an error.
Status CheckNotASideFile(const Named& file, const Named& database,
                         const std::vector<SideFile>& sides) {
  for (const SideFile& side : sides) {
    if (SameFile(file.identity, side.identity)) {
      return Status::InvalidArgument(file.label + " is the " + side.suffix +
                                     " file of " + database.label +
                                     ": writing it would damage the database");
    }
  }
  return Status::Ok();
}

// `file` against the files it could destroy or be destroyed by.
Status CheckNotAnyOf(const Named& file, const std::vector<Named>& others) {
  for (const Named& other : others) {
    if (SameFile(file.identity, other.identity)) {
      return Status::InvalidArgument(
          file.label + " and " + other.label +
          " are the same file: writing one would destroy the other");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ResolvedPath(const std::string& path) {
  std::error_code error;
  fs::path at = fs::absolute(path, error);
  if (error) return path;
  for (int link = 0; link < kMaxLinks && fs::is_symlink(at, error); ++link) {
    const fs::path target = fs::read_symlink(at, error);
    if (error) break;
    at = target.is_absolute() ? target : at.parent_path() / target;
  }
  fs::path resolved = fs::weakly_canonical(at, error);
  return error ? at.lexically_normal().string() : resolved.string();
}

Status CheckRunPaths(const RunPaths& paths) {
  std::vector<Named> written;
  for (const std::string& input : paths.inputs) {
    written.push_back(NameOf("input", input));
  }
  std::optional<Named> database;
  std::vector<SideFile> sides;
  if (!paths.sqlite_path.empty()) {
    database = Named{paths.database_label, Identify(paths.sqlite_path)};
    sides = SideFilesOf(paths.sqlite_path);
    RETURN_IF_ERROR(CheckNotAnyOf(*database, written));
    for (const Named& input : written) {
      RETURN_IF_ERROR(CheckNotASideFile(input, *database, sides));
    }
    written.insert(written.begin(), *database);
  }
  for (const auto& [option, path] :
       {std::pair<std::string, std::string>{"--rejects", paths.rejects},
        {"--summary-json",
         paths.summary_json == "-" ? std::string() : paths.summary_json}}) {
    if (path.empty()) continue;
    ASSIGN_OR_RETURN(OutputKind kind, KindOfOutput(option, path));
    // Both outputs may be /dev/null.
    if (kind == OutputKind::kDevice) continue;
    Named output = NameOf(option, path);
    if (database) RETURN_IF_ERROR(CheckNotASideFile(output, *database, sides));
    RETURN_IF_ERROR(CheckNotAnyOf(output, written));
    written.push_back(std::move(output));
  }
  return Status::Ok();
}

}  // namespace jao::tools
