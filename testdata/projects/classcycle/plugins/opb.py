from opa import OpA, Base


class OpB(OpA):
    pass


class Good(Base):
    pass
