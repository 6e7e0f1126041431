// glibc's mallopt (not in Swift's Glibc module): see GridCore's ProcessSetup.
#include <malloc.h>
