// Whether an SQLite run is alive, proved by a lock keyed on the database
// file itself, never on the spelling of its path.
//
// The lock: an open file description lock (fcntl F_OFD_SETLK, Linux) for
// reading on one byte of the directory that holds the database file, the
// byte at the file's inode number. An ingester holds it from before its run
// row is inserted until the row is closed, or until the process ends (the
// kernel drops it with the descriptor). Nobody can take it for writing (a
// directory opens read-only), so holding it never waits; whoever finds no
// other holder (F_OFD_GETLK) knows that no ingester of the file is alive.
//
// Keyed on the file: the path is resolved first (symbolic links, "..",
// "./", the working directory), so every spelling reaches one directory,
// and every name of the file has its inode: a hard link in the same
// directory is the same byte. A name in another directory (a hard link
// there) would lock that directory instead, so a file with more links than
// its directory holds is never proven free: its runs are never taken for
// dead. Hard links are refused before SQLite opens the file anyway
// (RefuseSeveralNames); this covers one made while a run loads.
//
// Why a directory: it cannot be removed while the database is in it, so the
// lock cannot be lost. A lock file beside the database could: removed while
// an ingester held it, the next one created a new file, locked it and took
// the live run for dead. Why not the database file: closing any descriptor
// of it drops the process's POSIX locks, SQLite's own among them; a lock of
// our directory descriptor goes only when that descriptor closes.
//
// Used by SqliteLoader (BeginRun proves the open runs dead in the
// transaction that inserts its own; each chunk checks that the file is
// still in the locked directory) and by the SQLite feed reader (tests the
// lock after reading the runs).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "common/status.h"

namespace jao::db::sqlite {

// Ok when the file at `database_path` is absent or has one name; else an
// InvalidArgument status naming the path and its link count. SQLite keeps
// its -wal and -shm beside the name it was opened by, so two names of one
// file in use at once corrupt it (SQLite calls a link count other than 1
// undefined behaviour). Called before SQLite opens the file, by the loader
// and the feed reader.
Status RefuseSeveralNames(const std::string& database_path);

class RunLock {
 public:
  // The lock of the existing database file at `database_path`: the
  // directory that holds the file once its path is resolved, opened
  // read-only. Io status naming the path or the directory when that fails.
  static Result<std::unique_ptr<RunLock>> Open(
      const std::string& database_path);
  ~RunLock();  // closes the directory: a held lock goes with it
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

  // Takes the lock; held until this object goes. Io status naming the
  // directory when the kernel refuses it (no OFD locks on its file system).
  Status Hold();
  // True when it is proven that nobody else holds the lock: no other
  // holder of the byte (this object's own hold does not count) and every
  // link of the database file in this directory. Io status when the test
  // cannot be made.
  Result<bool> NobodyElseHolds();
  // Whether the database file still has a name in the directory (it was not
  // moved to another one, where another lock would cover it).
  Result<bool> StillInDirectory();

  // The resolved directory, for messages.
  const std::string& directory() const { return directory_; }

 private:
  struct Links {
    nlink_t here = 0;   // names of the file in the directory
    nlink_t total = 0;  // its link count
  };

  RunLock(std::string directory, std::string name, int fd, dev_t dev, ino_t ino)
      : directory_(std::move(directory)),
        name_(std::move(name)),
        fd_(fd),
        dev_(dev),
        ino_(ino) {}
  // The file's names in the directory, looking past name_ (a rename) only
  // when name_ alone does not account for every link.
  Result<Links> CountLinks();
  Result<Links> ScanDirectory();

  std::string directory_;
  std::string name_;  // the file's name in the directory when opened
  int fd_;
  dev_t dev_;
  ino_t ino_;
};

}  // namespace jao::db::sqlite
