/* A core header, fine to include from the GUI. */
