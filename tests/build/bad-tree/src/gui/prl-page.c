/* A GUI file that reaches past core into the local layer. */
#include "config.h"
#include "prl-thing.h"
#include "prl-engine.h"
