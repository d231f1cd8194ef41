// The `ordo` command line: serve, migrate, token, user, audit, version.
#pragma once

namespace ordo::cli {

// Parses the command line and runs the subcommand; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace ordo::cli
