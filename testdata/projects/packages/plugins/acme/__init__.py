from .images import *
from . import tags
from .conflict_a import *
from .conflict_b import *
