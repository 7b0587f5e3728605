// Keeps a PostgreSQL password out of every message by its position, never
// by its text: the --db text is split where libpq splits it, and what
// stands in a password field (a URL's userinfo after the first ':', a
// `password` query parameter, a key=value `password` value) is replaced by
// "***". Searching messages for the password's text instead masks a user,
// a database or a word equal to it, and so shows the password. Works on
// malformed text too (an unclosed "[::1", a bad percent-escape, an
// unterminated quote): the redaction never needs the target to parse.
// Used by database_target.cc, which checks that libpq reads the password
// where it is masked, and by the command line's summary note.
#pragma once

#include <string>
#include <string_view>

namespace jao::db {

// `target` with its password field(s) replaced by "***":
// "postgresql://bob:***@[::1", "host=db password=*** dbname=jao". Also
// masked, as text that may be a password libpq reads as something else: a
// URL's ':' ... '@' that libpq does not take for userinfo (a '/' or '@'
// typed in the password), a port that is not a number (a password typed
// without "@host"), and the words an unquoted key=value password with
// spaces runs on into.
std::string RedactConninfo(std::string_view target);

// Whether `target` holds a password of one character or more.
bool HoldsPassword(std::string_view target);

// The password the text gives, by position: the last password field as
// libpq decodes it (percent-escapes in a URL, backslash escapes and quotes
// in key=value text), "" when none; `ambiguous` when RedactConninfo masks
// text that libpq does not read as the password (see above).
struct TypedPassword {
  std::string value;
  bool ambiguous = false;
};
TypedPassword FindTypedPassword(std::string_view target);

}  // namespace jao::db
