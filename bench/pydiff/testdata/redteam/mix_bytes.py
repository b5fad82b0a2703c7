u"abc" b"def"
