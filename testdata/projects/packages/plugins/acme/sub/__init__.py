from ..exported import *
from .. import tags as parent_tags
