// zlib, for reading gzip-compressed input files (.csv.gz) while they are read.
#include <zlib.h>
