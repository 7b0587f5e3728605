// The paths of an `ingest` run, checked before anything is opened for
// writing: an output that is an input, the database or one of its side
// files, or the other output, would be destroyed by the run (the rejects
// file is truncated, the summary replaced), so the run is refused instead.
// Two paths are the same file when they have the same device and inode; a
// path not there yet is compared by its resolved spelling (absolute,
// symbolic links followed). Used by tools/ingest_command.cc.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace jao::tools {

struct RunPaths {
  std::vector<std::string> inputs;
  std::string database_label;  // "--db 'x'" (DatabaseArgument::Label)
  std::string sqlite_path;     // empty: no file to protect (PostgreSQL)
  std::string rejects;         // empty: none
  std::string summary_json;    // empty or "-": none
};

// InvalidArgument (a usage error), one line naming both:
//   "--rejects 'z.sqlite3' and --db 'z.sqlite3' are the same file: writing
//    one would destroy the other" (also input 'x', --summary-json 'y';
//    --db against the inputs too);
//   "--rejects 'z.sqlite3-wal' is the -wal file of --db 'z.sqlite3':
//    writing it would damage the database" (-wal, -shm, -journal and the
//    run lock file, beside the path as given and as resolved);
//   "--rejects 'd' is not a regular file (a directory)": an output that
//    exists and is none of a regular file, a fifo (written in place) and a
//    character device (/dev/null: never compared, it loses nothing).
Status CheckRunPaths(const RunPaths& paths);

// `path` made absolute with its symbolic links followed, the last one too
// even when its target does not exist yet (where writing through it would
// create the file). Lexical when the file system cannot say.
std::string ResolvedPath(const std::string& path);

}  // namespace jao::tools
