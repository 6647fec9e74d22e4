"""tidal hello: the "Gallery" page, every element in one place."""

from tidal.hello.gallery import gallery

gallery()
