// Debian's libxml2 is built with ICU; <libxml/encoding.h> would pull in the system
// <unicode/ucnv.h>, whose enum UErrorCode clashes with Foundation's vendored ICU
// (module _FoundationICU) on clean builds. Only the tail of xmlCharEncodingHandler
// (the ICU converters) is hidden: never allocate that struct from Swift.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
