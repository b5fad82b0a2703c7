package pyparse

/*
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

// Declarations of the parts of the tree-sitter C API used here. The library
// itself is compiled and linked by the go-tree-sitter package.
typedef struct TSLanguage TSLanguage;
typedef struct TSParser TSParser;
typedef struct TSTree TSTree;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSParser *ts_parser_new(void);
void ts_parser_delete(TSParser *self);
bool ts_parser_set_language(TSParser *self, const TSLanguage *language);
TSTree *ts_parser_parse_string(TSParser *self, const TSTree *old_tree, const char *string, uint32_t length);
void ts_tree_delete(TSTree *self);
TSNode ts_tree_root_node(const TSTree *self);
uint16_t ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
uint32_t ts_node_descendant_count(TSNode self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
uint16_t ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
void ts_set_allocator(void *(*m)(size_t), void *(*c)(size_t, size_t), void *(*r)(void *, size_t), void (*f)(void *));

// dl_node is one node of the flattened tree, in pre-order. Must match the Go
// type rawNode.
typedef struct {
	uint32_t start, end;
	uint32_t next;   // index of the first node after this node's subtree
	uint32_t parent; // index of the parent (0 for the root)
	uint16_t sym;
	uint8_t field;
	uint8_t flags;
} dl_node;

enum { DL_NAMED = 1, DL_MISSING = 2 };

static void dl_use_libc_allocator(void) {
	ts_set_allocator(malloc, calloc, realloc, free);
}

// dl_release_memory hands memory free()d by a big tree back to the system
// where the C library keeps it otherwise (glibc), so that the Go heap the
// conversion builds next does not come on top of it.
static void dl_release_memory(void) {
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

static uint32_t dl_count(TSTree *tree) {
	return ts_node_descendant_count(ts_tree_root_node(tree));
}

// dl_flatten writes the tree in pre-order into out (room for cap nodes),
// adding shift to every byte offset. It walks with a cursor and parent links,
// so it needs no stack however deep the tree is. It returns the node count.
// fieldless (nsyms entries, by symbol) marks node types whose children have
// no field: their field lookup, linear in the depth of hidden repetition
// nodes, is skipped.
static uint32_t dl_flatten(TSTree *tree, dl_node *out, uint32_t cap, uint32_t shift,
                           const uint8_t *fieldless, uint32_t nsyms) {
	if (cap == 0) {
		return 0;
	}
	TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t n = 0, cur = 0;
	for (;;) {
		TSNode node = ts_tree_cursor_current_node(&c);
		dl_node *d = &out[n];
		d->start = ts_node_start_byte(node) + shift;
		d->end = ts_node_end_byte(node) + shift;
		d->next = 0;
		d->parent = n == 0 ? 0 : cur;
		d->sym = ts_node_symbol(node);
		uint16_t f = 0;
		if (n == 0 || out[cur].sym >= nsyms || !fieldless[out[cur].sym]) {
			f = ts_tree_cursor_current_field_id(&c);
		}
		d->field = f < 256 ? (uint8_t)f : 0;
		d->flags = (ts_node_is_named(node) ? DL_NAMED : 0) | (ts_node_is_missing(node) ? DL_MISSING : 0);
		cur = n;
		n++;
		if (n < cap && ts_tree_cursor_goto_first_child(&c)) {
			continue;
		}
		// Leave finished nodes until one has a next sibling.
		for (;;) {
			out[cur].next = n;
			if (cur == 0) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			if (n < cap && ts_tree_cursor_goto_next_sibling(&c)) {
				cur = out[cur].parent;
				break;
			}
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			cur = out[cur].parent;
		}
	}
}
*/
import "C"

import (
	"runtime"
	"sync"
	"unsafe"

	ts "github.com/tree-sitter/go-tree-sitter"
	python "github.com/tree-sitter/tree-sitter-python/bindings/go"
)

// rawNode mirrors the C dl_node struct.
type rawNode struct {
	start, end uint32
	next       uint32
	parent     uint32
	sym        uint16
	field      uint8
	flags      uint8
}

const (
	flagNamed   = 1
	flagMissing = 2
)

// Compile-time check that rawNode and dl_node have the same size.
var _ [unsafe.Sizeof(rawNode{}) - unsafe.Sizeof(C.dl_node{})]struct{}
var _ [unsafe.Sizeof(C.dl_node{}) - unsafe.Sizeof(rawNode{})]struct{}

var allocatorOnce sync.Once

// useLibcAllocator points tree-sitter's allocator straight at libc instead of
// go-tree-sitter's default Go callbacks (which themselves call libc malloc, so
// memory allocated before the switch is still freed correctly).
func useLibcAllocator() {
	allocatorOnce.Do(func() { C.dl_use_libc_allocator() })
}

// trimNodes is the tree size from which the C heap is trimmed after the
// tree is deleted: about 20 MB of subtrees, where trimming costs far less
// than the parse.
const trimNodes = 256 << 10

// maxSource is the largest input tree-sitter can take (offsets are uint32).
const maxSource = 1<<32 - 1 - 3

// Parser parses Python files. A Parser is not safe for concurrent use: give
// each goroutine its own and Close it when done.
type Parser struct {
	p       *C.TSParser
	cleanup runtime.Cleanup
	nodes   []rawNode // reused between files
	// fieldless is kindTables.fieldless; nil looks up every node's field.
	fieldless []byte
}

// NewParser returns a Parser for Python 3 sources.
func NewParser() *Parser {
	useLibcAllocator()
	t := tables() // build the kind tables before the first parse
	cp := C.ts_parser_new()
	C.ts_parser_set_language(cp, (*C.TSLanguage)(python.Language()))
	p := &Parser{p: cp, fieldless: t.fieldless}
	p.cleanup = runtime.AddCleanup(p, func(cp *C.TSParser) { C.ts_parser_delete(cp) }, cp)
	return p
}

// Close frees the parser's C memory. The Parser must not be used afterwards.
func (p *Parser) Close() {
	if p == nil || p.p == nil {
		return
	}
	p.cleanup.Stop()
	C.ts_parser_delete(p.p)
	p.p = nil
	p.nodes = nil
}

// parseRaw parses src[start:end] and returns the flattened tree with offsets
// into src. The result aliases p.nodes and is valid until the next call.
func (p *Parser) parseRaw(src []byte, start, end int) []rawNode {
	if p.p == nil || start < 0 || end > len(src) || start > end {
		return nil
	}
	body := src[start:end]
	var ptr *C.char
	if len(body) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&body[0]))
	}
	tree := C.ts_parser_parse_string(p.p, nil, ptr, C.uint32_t(len(body)))
	runtime.KeepAlive(src)
	if tree == nil {
		return nil
	}
	n := int(C.dl_count(tree))
	defer func() {
		C.ts_tree_delete(tree)
		if n >= trimNodes {
			C.dl_release_memory()
		}
	}()
	if cap(p.nodes) < n || cap(p.nodes) > 4*n+1024 {
		p.nodes = make([]rawNode, n)
	}
	nodes := p.nodes[:n]
	if n == 0 {
		return nil
	}
	var fieldless *C.uint8_t
	if len(p.fieldless) > 0 {
		fieldless = (*C.uint8_t)(unsafe.Pointer(&p.fieldless[0]))
	}
	got := C.dl_flatten(tree, (*C.dl_node)(unsafe.Pointer(&nodes[0])), C.uint32_t(n), C.uint32_t(start),
		fieldless, C.uint32_t(len(p.fieldless)))
	runtime.KeepAlive(p.fieldless)
	return nodes[:int(got)]
}

var parserPool = sync.Pool{New: func() any { return NewParser() }}

// Parse parses one Python file with a pooled Parser. It never fails: syntax
// errors are listed in File.Errors and the rest of the file is still converted
// where tree-sitter recovered.
func Parse(path string, src []byte) *File {
	p := parserPool.Get().(*Parser)
	f := p.Parse(path, src)
	parserPool.Put(p)
	return f
}

// language returns the tree-sitter Python language.
func language() *ts.Language { return ts.NewLanguage(python.Language()) }
