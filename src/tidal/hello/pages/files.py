"""tidal hello: the "Files" example."""

from tidal.hello.files_example import files

files()
