/* A local header: the GUI may not include it. */
