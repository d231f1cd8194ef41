// ordo: one binary, many subcommands. main only wires things together; see cli/.
#include "cli/commands.h"

int main(int argc, char** argv) { return ordo::cli::Main(argc, argv); }
