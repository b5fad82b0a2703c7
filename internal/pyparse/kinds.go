package pyparse

import "sync"

// kind is daglint's dense number for a tree-sitter node type it handles.
type kind uint8

const (
	kOther kind = iota // any other node type, named or anonymous
	kError
	kModule
	kComment
	kLineContinuation
	kBlock
	kExpressionStatement
	kAssignment
	kAugmentedAssignment
	kImportStatement
	kImportFromStatement
	kFutureImportStatement
	kAliasedImport
	kDottedName
	kRelativeImport
	kImportPrefix
	kWildcardImport
	kWithStatement
	kWithClause
	kWithItem
	kAsPattern
	kAsPatternTarget
	kFunctionDefinition
	kDecoratedDefinition
	kDecorator
	kParameters
	kLambdaParameters
	kIdentifier
	kDefaultParameter
	kTypedDefaultParameter
	kTypedParameter
	kListSplatPattern
	kDictionarySplatPattern
	kClassDefinition
	kArgumentList
	kKeywordArgument
	kListSplat
	kDictionarySplat
	kParenthesizedListSplat
	kReturnStatement
	kIfStatement
	kElifClause
	kElseClause
	kForStatement
	kWhileStatement
	kTryStatement
	kExceptClause
	kExceptGroupClause
	kFinallyClause
	kMatchStatement
	kCaseClause
	kIfClause
	kPrintStatement
	kExecStatement
	kGlobalStatement
	kNonlocalStatement
	kTypeAliasStatement
	kPassStatement
	kBreakStatement
	kContinueStatement
	kRaiseStatement
	kDeleteStatement
	kAssertStatement
	kAttribute
	kCall
	kString
	kConcatenatedString
	kStringStart
	kStringContent
	kStringEnd
	kInterpolation
	kTypeConversion
	kFormatSpecifier
	kFormatExpression
	kInteger
	kFloat
	kTrue
	kFalse
	kNone
	kEllipsis
	kDictionary
	kPair
	kList
	kTuple
	kSet
	kParenthesizedExpression
	kBinaryOperator
	kUnaryOperator
	kSubscript
	kNamedExpression
	kLambda
	kExpressionList
	kPatternList
	kTuplePattern
	kListPattern
	kType
	kComparisonOperator
	kKeywordSeparator
	kPositionalSeparator
	kGenericType
	kTypeParameter
	kUnionType
	kMemberType
	numKinds
)

// kindNames are the tree-sitter names of the kinds above (named node types).
var kindNames = [numKinds]string{
	kError:                   "ERROR",
	kModule:                  "module",
	kComment:                 "comment",
	kLineContinuation:        "line_continuation",
	kBlock:                   "block",
	kExpressionStatement:     "expression_statement",
	kAssignment:              "assignment",
	kAugmentedAssignment:     "augmented_assignment",
	kImportStatement:         "import_statement",
	kImportFromStatement:     "import_from_statement",
	kFutureImportStatement:   "future_import_statement",
	kAliasedImport:           "aliased_import",
	kDottedName:              "dotted_name",
	kRelativeImport:          "relative_import",
	kImportPrefix:            "import_prefix",
	kWildcardImport:          "wildcard_import",
	kWithStatement:           "with_statement",
	kWithClause:              "with_clause",
	kWithItem:                "with_item",
	kAsPattern:               "as_pattern",
	kAsPatternTarget:         "as_pattern_target",
	kFunctionDefinition:      "function_definition",
	kDecoratedDefinition:     "decorated_definition",
	kDecorator:               "decorator",
	kParameters:              "parameters",
	kLambdaParameters:        "lambda_parameters",
	kIdentifier:              "identifier",
	kDefaultParameter:        "default_parameter",
	kTypedDefaultParameter:   "typed_default_parameter",
	kTypedParameter:          "typed_parameter",
	kListSplatPattern:        "list_splat_pattern",
	kDictionarySplatPattern:  "dictionary_splat_pattern",
	kClassDefinition:         "class_definition",
	kArgumentList:            "argument_list",
	kKeywordArgument:         "keyword_argument",
	kListSplat:               "list_splat",
	kDictionarySplat:         "dictionary_splat",
	kParenthesizedListSplat:  "parenthesized_list_splat",
	kReturnStatement:         "return_statement",
	kIfStatement:             "if_statement",
	kElifClause:              "elif_clause",
	kElseClause:              "else_clause",
	kForStatement:            "for_statement",
	kWhileStatement:          "while_statement",
	kTryStatement:            "try_statement",
	kExceptClause:            "except_clause",
	kExceptGroupClause:       "except_group_clause",
	kFinallyClause:           "finally_clause",
	kMatchStatement:          "match_statement",
	kCaseClause:              "case_clause",
	kIfClause:                "if_clause",
	kPrintStatement:          "print_statement",
	kExecStatement:           "exec_statement",
	kGlobalStatement:         "global_statement",
	kNonlocalStatement:       "nonlocal_statement",
	kTypeAliasStatement:      "type_alias_statement",
	kPassStatement:           "pass_statement",
	kBreakStatement:          "break_statement",
	kContinueStatement:       "continue_statement",
	kRaiseStatement:          "raise_statement",
	kDeleteStatement:         "delete_statement",
	kAssertStatement:         "assert_statement",
	kAttribute:               "attribute",
	kCall:                    "call",
	kString:                  "string",
	kConcatenatedString:      "concatenated_string",
	kStringStart:             "string_start",
	kStringContent:           "string_content",
	kStringEnd:               "string_end",
	kInterpolation:           "interpolation",
	kTypeConversion:          "type_conversion",
	kFormatSpecifier:         "format_specifier",
	kFormatExpression:        "format_expression",
	kInteger:                 "integer",
	kFloat:                   "float",
	kTrue:                    "true",
	kFalse:                   "false",
	kNone:                    "none",
	kEllipsis:                "ellipsis",
	kDictionary:              "dictionary",
	kPair:                    "pair",
	kList:                    "list",
	kTuple:                   "tuple",
	kSet:                     "set",
	kParenthesizedExpression: "parenthesized_expression",
	kBinaryOperator:          "binary_operator",
	kUnaryOperator:           "unary_operator",
	kSubscript:               "subscript",
	kNamedExpression:         "named_expression",
	kLambda:                  "lambda",
	kExpressionList:          "expression_list",
	kPatternList:             "pattern_list",
	kTuplePattern:            "tuple_pattern",
	kListPattern:             "list_pattern",
	kType:                    "type",
	kComparisonOperator:      "comparison_operator",
	kKeywordSeparator:        "keyword_separator",
	kPositionalSeparator:     "positional_separator",
	kGenericType:             "generic_type",
	kTypeParameter:           "type_parameter",
	kUnionType:               "union_type",
	kMemberType:              "member_type",
}

// field is daglint's number for a tree-sitter field name.
type field uint8

const (
	fNone field = iota
	fAlias
	fAlternative
	fArguments
	fAttribute
	fBody
	fCondition
	fConsequence
	fDefinition
	fExpression
	fFormatSpecifier
	fFunction
	fGuard
	fKey
	fLeft
	fModuleName
	fName
	fObject
	fOperator
	fParameters
	fRight
	fSubject
	fSubscript
	fSuperclasses
	fType
	fTypeConversion
	fValue
	fArgument
	fCause
	fCode
	numFields
)

var fieldNames = [numFields]string{
	fAlias:           "alias",
	fAlternative:     "alternative",
	fArguments:       "arguments",
	fAttribute:       "attribute",
	fBody:            "body",
	fCondition:       "condition",
	fConsequence:     "consequence",
	fDefinition:      "definition",
	fExpression:      "expression",
	fFormatSpecifier: "format_specifier",
	fFunction:        "function",
	fGuard:           "guard",
	fKey:             "key",
	fLeft:            "left",
	fModuleName:      "module_name",
	fName:            "name",
	fObject:          "object",
	fOperator:        "operator",
	fParameters:      "parameters",
	fRight:           "right",
	fSubject:         "subject",
	fSubscript:       "subscript",
	fSuperclasses:    "superclasses",
	fType:            "type",
	fTypeConversion:  "type_conversion",
	fValue:           "value",
	fArgument:        "argument",
	fCause:           "cause",
	fCode:            "code",
}

// nodeClass says whether a node type is an expression, a statement or
// something else (clause, helper, token).
type nodeClass uint8

const (
	classOther nodeClass = iota
	classExpr
	classStmt
)

// exprTypes and stmtTypes are the named node types that are expressions and
// statements (the subtypes of the grammar's expression and statement
// supertypes, plus a few list forms).
var (
	exprTypes = []string{
		"as_pattern", "boolean_operator", "comparison_operator", "conditional_expression",
		"lambda", "named_expression", "not_operator", "attribute", "await", "binary_operator",
		"call", "concatenated_string", "dictionary", "dictionary_comprehension", "ellipsis",
		"false", "float", "generator_expression", "identifier", "integer", "list",
		"list_comprehension", "list_splat", "none", "parenthesized_expression", "set",
		"set_comprehension", "string", "subscript", "true", "tuple", "unary_operator",
		"yield", "expression_list", "pattern_list", "dictionary_splat", "keyword_argument",
	}
	stmtTypes = []string{
		"class_definition", "decorated_definition", "for_statement", "function_definition",
		"if_statement", "match_statement", "try_statement", "while_statement", "with_statement",
		"assert_statement", "break_statement", "continue_statement", "delete_statement",
		"exec_statement", "expression_statement", "future_import_statement", "global_statement",
		"import_from_statement", "import_statement", "nonlocal_statement", "pass_statement",
		"print_statement", "raise_statement", "return_statement", "type_alias_statement",
	}
)

// fieldlessTypes are named node types whose children never carry a field
// (tree-sitter-python's node-types.json lists no fields for them). They are
// the ones that can have very many children, where asking tree-sitter for
// each child's field is slow: it walks up the hidden repetition nodes.
var fieldlessTypes = []string{
	"module", "list", "tuple", "set", "dictionary", "argument_list", "expression_list",
	"pattern_list", "string", "concatenated_string", "parenthesized_expression",
	"expression_statement",
}

// kindTables maps tree-sitter symbol and field ids to daglint's numbers. It is
// built once and read-only afterwards.
type kindTables struct {
	kinds   []kind      // by symbol id
	names   []string    // tree-sitter name by symbol id
	classes []nodeClass // by symbol id
	// fieldless is 1 by symbol id for the fieldlessTypes: the flattening
	// skips the field lookup of their children.
	fieldless []byte
	fields    [256]field
}

var (
	tablesOnce sync.Once
	tablesVal  *kindTables
)

const errorSymbol = 0xFFFF

func tables() *kindTables {
	tablesOnce.Do(func() {
		lang := language()
		byName := make(map[string]kind, numKinds)
		for k := kind(1); k < numKinds; k++ {
			byName[kindNames[k]] = k
		}
		n := int(lang.NodeKindCount())
		cls := make(map[string]nodeClass, len(exprTypes)+len(stmtTypes))
		for _, name := range exprTypes {
			cls[name] = classExpr
		}
		for _, name := range stmtTypes {
			cls[name] = classStmt
		}
		noFields := make(map[string]bool, len(fieldlessTypes))
		for _, name := range fieldlessTypes {
			noFields[name] = true
		}
		t := &kindTables{kinds: make([]kind, n), names: make([]string, n), classes: make([]nodeClass, n), fieldless: make([]byte, n)}
		for id := 0; id < n; id++ {
			name := lang.NodeKindForId(uint16(id))
			t.names[id] = name
			if lang.NodeKindIsNamed(uint16(id)) {
				t.kinds[id] = byName[name]
				t.classes[id] = cls[name]
				if noFields[name] {
					t.fieldless[id] = 1
				}
			}
		}
		fb := make(map[string]field, numFields)
		for f := field(1); f < numFields; f++ {
			fb[fieldNames[f]] = f
		}
		for id := 1; id <= int(lang.FieldCount()) && id < len(t.fields); id++ {
			t.fields[id] = fb[lang.FieldNameForId(uint16(id))]
		}
		tablesVal = t
	})
	return tablesVal
}

func (t *kindTables) kindOf(sym uint16) kind {
	if sym == errorSymbol {
		return kError
	}
	if int(sym) < len(t.kinds) {
		return t.kinds[sym]
	}
	return kOther
}

func (t *kindTables) classOf(sym uint16) nodeClass {
	if int(sym) < len(t.classes) {
		return t.classes[sym]
	}
	return classOther
}

func (t *kindTables) nameOf(sym uint16) string {
	if sym == errorSymbol {
		return "ERROR"
	}
	if int(sym) < len(t.names) {
		return t.names[sym]
	}
	return "?"
}
