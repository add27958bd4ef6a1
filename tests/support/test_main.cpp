#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

// LeakSanitizer (address-sanitizer builds) asks for these: CLN, GiNaC's number library, keeps a few bytes
// from its static initialization for the life of the process. Anything leaked by gradscape still fails.
extern "C" const char* __lsan_default_suppressions() { return "leak:libcln.so\nleak:libginac.so\n"; }
