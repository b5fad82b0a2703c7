package pyparse

// expr converts an expression node. Parentheses are unwrapped (the result
// has the inner expression's range); nesting beyond maxDepth is truncated.
func (c *conv) expr(i int) Expr {
	for c.kind(i) == kParenthesizedExpression || c.kind(i) == kParenthesizedListSplat ||
		c.kind(i) == kType || c.kind(i) == kAsPatternTarget {
		inner := c.firstNamed(i)
		if inner < 0 {
			break
		}
		if c.kind(i) == kParenthesizedExpression && c.lastNamed(i) != inner {
			break // not a plain parenthesised expression: keep it whole
		}
		i = inner
	}
	if c.depth >= maxDepth {
		return &OtherExpr{Range: c.rng(i), Kind: "truncated", Truncated: true}
	}
	c.depth++
	e := c.expr1(i)
	c.depth--
	return e
}

func (c *conv) expr1(i int) Expr {
	r := c.rng(i)
	switch c.kind(i) {
	case kIdentifier:
		return &Name{Range: r, ID: c.text(i)}
	case kAttribute:
		a := &Attribute{Range: r}
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			switch c.fieldOf(ch) {
			case fObject:
				a.Value = c.expr(ch)
			case fAttribute:
				a.Attr, a.AttrRange = c.text(ch), c.rng(ch)
			}
		}
		if a.Value == nil {
			return c.other(i)
		}
		return a
	case kCall:
		return c.call(i)
	case kString, kConcatenatedString:
		return c.str(i)
	case kInteger, kFloat:
		return &Num{Range: r, Text: c.text(i)}
	case kTrue:
		return &Const{Range: r, Value: "True"}
	case kFalse:
		return &Const{Range: r, Value: "False"}
	case kNone:
		return &Const{Range: r, Value: "None"}
	case kEllipsis:
		return &Const{Range: r, Value: "..."}
	case kDictionary:
		d := &Dict{Range: r}
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			switch c.kind(ch) {
			case kPair:
				it := &DictItem{Range: c.rng(ch)}
				if k := c.child(ch, fKey); k >= 0 {
					it.Key = c.expr(k)
				}
				if v := c.child(ch, fValue); v >= 0 {
					it.Value = c.expr(v)
				}
				d.Items = append(d.Items, it)
			case kDictionarySplat:
				it := &DictItem{Range: c.rng(ch)}
				if v := c.firstNamed(ch); v >= 0 {
					it.Value = c.expr(v)
				}
				d.Items = append(d.Items, it)
			}
		}
		return d
	case kList, kListPattern:
		return c.seq(i, "list", r)
	case kTuple, kExpressionList, kPatternList, kTuplePattern:
		return c.seq(i, "tuple", r)
	case kSet:
		return c.seq(i, "set", r)
	case kListSplat, kDictionarySplat, kListSplatPattern, kDictionarySplatPattern:
		s := &Starred{Range: r, Double: c.kind(i) == kDictionarySplat || c.kind(i) == kDictionarySplatPattern}
		if v := c.firstNamed(i); v >= 0 {
			s.Value = c.expr(v)
		} else {
			return c.other(i)
		}
		return s
	case kBinaryOperator:
		b := &BinOp{Range: r}
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			switch c.fieldOf(ch) {
			case fLeft:
				b.Left = c.expr(ch)
			case fRight:
				b.Right = c.expr(ch)
			case fOperator:
				b.Op = c.text(ch)
			}
		}
		if b.Left == nil || b.Right == nil {
			return c.other(i)
		}
		return b
	case kSubscript:
		s := &Subscript{Range: r}
		first, last, count := -1, -1, 0
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			switch c.fieldOf(ch) {
			case fValue:
				s.Value = c.expr(ch)
			case fSubscript:
				if first < 0 {
					first = ch
				}
				last = ch
				count++
			}
		}
		switch {
		case count == 1:
			s.Index = c.expr(first)
		case count > 1:
			q := &Seq{Range: Range{int(c.n[first].start), int(c.n[last].end)}, Kind: "tuple"}
			for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
				if c.fieldOf(ch) == fSubscript {
					q.Elts = append(q.Elts, c.expr(ch))
				}
			}
			s.Index = q
		}
		if s.Value == nil || s.Index == nil {
			return c.other(i)
		}
		return s
	case kGenericType:
		// list[int] in an annotation.
		s := &Subscript{Range: r}
		if v := c.firstNamed(i); v >= 0 {
			s.Value = c.expr(v)
		}
		if tp := c.childKind(i, kTypeParameter); tp >= 0 {
			first, last := c.firstNamed(tp), c.lastNamed(tp)
			switch {
			case first >= 0 && first == last:
				s.Index = c.expr(first)
			case first >= 0:
				s.Index = c.seq(tp, "tuple", Range{int(c.n[first].start), int(c.n[last].end)})
			}
		}
		if s.Value == nil || s.Index == nil {
			return c.other(i)
		}
		return s
	case kUnionType:
		first, last := c.firstNamed(i), c.lastNamed(i)
		if first < 0 || first == last {
			return c.other(i)
		}
		return &BinOp{Range: r, Op: "|", Left: c.expr(first), Right: c.expr(last)}
	case kMemberType:
		first, last := c.firstNamed(i), c.lastNamed(i)
		if first < 0 || first == last || c.kind(last) != kIdentifier {
			return c.other(i)
		}
		return &Attribute{Range: r, Value: c.expr(first), Attr: c.text(last), AttrRange: c.rng(last)}
	case kNamedExpression:
		ne := &NamedExpr{Range: r}
		if n := c.child(i, fName); n >= 0 && c.kind(n) == kIdentifier {
			ne.Target = &Name{Range: c.rng(n), ID: c.text(n)}
		}
		if v := c.child(i, fValue); v >= 0 {
			ne.Value = c.expr(v)
		}
		if ne.Target == nil || ne.Value == nil {
			return c.other(i)
		}
		return ne
	case kLambda:
		l := &Lambda{Range: r}
		for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
			switch c.fieldOf(ch) {
			case fParameters:
				l.Params = c.params(ch)
			case fBody:
				l.Body = c.expr(ch)
			}
		}
		if l.Body == nil {
			return c.other(i)
		}
		return l
	}
	return c.other(i)
}

// other converts any other node into an OtherExpr named after its
// tree-sitter type, with its named children as Children.
func (c *conv) other(i int) Expr {
	o := &OtherExpr{Range: c.rng(i), Kind: c.t.nameOf(c.n[i].sym)}
	if c.kind(i) == kError {
		o.Kind = "error"
	}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.named(ch) && !c.isTrivia(ch) {
			o.Children = append(o.Children, c.expr(ch))
		}
	}
	return o
}

// seq converts the named children of i into a Seq.
func (c *conv) seq(i int, kind string, r Range) Expr {
	q := &Seq{Range: r, Kind: kind}
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if c.named(ch) && !c.isTrivia(ch) {
			q.Elts = append(q.Elts, c.expr(ch))
		}
	}
	return q
}

// call converts a call. When tree-sitter left an ERROR node ending in a name
// between the function and the argument list (a broken line before the
// call), the call is rebuilt on that name and marked Recovered.
func (c *conv) call(i int) Expr {
	call := &Call{Range: c.rng(i)}
	fn, args, errBefore := -1, -1, -1
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		switch {
		case c.fieldOf(ch) == fFunction:
			fn = ch
		case c.fieldOf(ch) == fArguments:
			args = ch
		case c.kind(ch) == kError && args < 0:
			errBefore = ch
		}
	}
	if args < 0 {
		return c.other(i)
	}
	call.ArgsRange = c.rng(args)
	if errBefore >= 0 {
		if last := c.lastNamed(errBefore); last >= 0 && (c.kind(last) == kIdentifier || c.kind(last) == kAttribute) &&
			onlySpace(c.src, int(c.n[last].end), int(c.n[args].start)) {
			fn = last
			call.Recovered = true
			call.Range.Start = int(c.n[last].start)
		}
	}
	if fn < 0 {
		return c.other(i)
	}
	call.Func = c.expr(fn)
	if c.kind(args) == kArgumentList {
		call.Args, call.Keywords = c.arguments(args)
	} else {
		// f(x for x in y): the generator is the only argument.
		call.Args = []Expr{c.expr(args)}
	}
	return call
}

// arguments converts an argument_list into positional arguments (a `*a`
// argument is a *Starred) and keywords (`**k` has Name "").
func (c *conv) arguments(i int) ([]Expr, []*Keyword) {
	var args []Expr
	var kws []*Keyword
	for ch, e := i+1, c.end(i); ch < e; ch = c.end(ch) {
		if !c.named(ch) || c.isTrivia(ch) {
			continue
		}
		switch c.kind(ch) {
		case kError:
			continue
		case kKeywordArgument:
			kw := &Keyword{Range: c.rng(ch)}
			if n := c.child(ch, fName); n >= 0 {
				kw.Name, kw.NameRange = c.text(n), c.rng(n)
			}
			if v := c.child(ch, fValue); v >= 0 {
				kw.Value = c.expr(v)
			} else {
				kw.Value = &OtherExpr{Range: Range{kw.End, kw.End}, Kind: "missing"}
			}
			kws = append(kws, kw)
		case kDictionarySplat:
			kw := &Keyword{Range: c.rng(ch), NameRange: Range{int(c.n[ch].start), int(c.n[ch].start)}}
			if v := c.firstNamed(ch); v >= 0 {
				kw.Value = c.expr(v)
			} else {
				kw.Value = &OtherExpr{Range: Range{kw.End, kw.End}, Kind: "missing"}
			}
			kws = append(kws, kw)
		default:
			args = append(args, c.expr(ch))
		}
	}
	return args, kws
}
