package lint

import (
	"strings"
	"sync"
)

// intern returns the copy of message the run keeps: a corpus of thousands
// of findings says a few hundred different things (the same image flagged
// in file after file), and every message is kept until the report, so equal
// ones share their bytes. The copy made by a rule's Sprintf is garbage as
// soon as the file's findings are positioned.
//
// The table is a fixed set of slots chosen by a hash of the message, two
// messages to a slot (the newer replaces the older one used less recently
// when a third arrives), so it never grows: a language server that lints
// edit after edit keeps at most internSlots*2 messages alive through it.
// Two different messages that keep meeting in one slot may each be kept
// twice; nothing else about them changes. A message is copied when it
// enters the table (as unique.Make copies), never when it is found there.
// unique.Make gave the same sharing unbounded, at about ten times the cost
// per message (its weak handles are made and cleaned up for every new
// message), 3.6% of a run's CPU on the bench corpus.
func intern(message string) string {
	h := internHash(message)
	sh := &internShards[h%internShardCount]
	slot := &sh.slots[(h/internShardCount)%internSlotsPerShard]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	switch message {
	case slot[0]:
		return slot[0]
	case slot[1]:
		slot[0], slot[1] = slot[1], slot[0] // most recently used first
		return slot[0]
	}
	// A copy: message may share the bytes of a source its caller reuses
	// (lint.Source's src is the caller's), and the table outlives the file.
	message = strings.Clone(message)
	slot[1], slot[0] = slot[0], message
	return message
}

const (
	internShardCount    = 16 // locks, so that workers rarely meet
	internSlotsPerShard = 256
)

var internShards [internShardCount]struct {
	mu    sync.Mutex
	slots [internSlotsPerShard][2]string
}

// internHash is FNV-1a: fixed, so that which messages share a slot is the
// same from run to run.
func internHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
