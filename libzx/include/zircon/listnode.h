/* SPDX-License-Identifier: MIT */
/*
 * Intrusive circular doubly linked lists, as Fuchsia's C code uses them.
 *
 * A list is a list_node_t head; elements embed a list_node_t. An empty list
 * points at itself; a node in no list has both links NULL. The *_type
 * forms return the element containing the node (or NULL instead of no node).
 */
#ifndef ZIRCON_LISTNODE_H_
#define ZIRCON_LISTNODE_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zircon/compiler.h>

__BEGIN_CDECLS

/* The structure of type `type` whose field `member` is at ptr. */
#define containerof(ptr, type, member) ((type*)((uintptr_t)(ptr) - offsetof(type, member)))

typedef struct list_node list_node_t;

struct list_node {
  list_node_t* prev;
  list_node_t* next;
};

/* Static initializers: an empty list named `list`, and a node in no list. */
#define LIST_INITIAL_VALUE(list) {&(list), &(list)}
#define LIST_INITIAL_CLEARED_VALUE {NULL, NULL}

static inline void list_initialize(list_node_t* list) {
  list->next = list;
  list->prev = list;
}

static inline void list_clear_node(list_node_t* item) {
  item->next = NULL;
  item->prev = NULL;
}

static inline bool list_in_list(const list_node_t* item) {
  return item->prev != NULL || item->next != NULL;
}

static inline bool list_is_empty(const list_node_t* list) { return list->next == list; }

/* Links item in between two adjacent nodes. */
static inline void __zx_list_link(list_node_t* before, list_node_t* item, list_node_t* after) {
  item->prev = before;
  item->next = after;
  before->next = item;
  after->prev = item;
}

/* The element around node, or NULL for no node (backs the *_type forms). */
static inline void* __zx_list_entry(list_node_t* node, size_t member_offset) {
  return node != NULL ? (void*)((char*)node - member_offset) : NULL;
}

static inline void list_add_head(list_node_t* list, list_node_t* item) {
  __zx_list_link(list, item, list->next);
}

static inline void list_add_tail(list_node_t* list, list_node_t* item) {
  __zx_list_link(list->prev, item, list);
}

/* Insert new_entry right after, or right before, entry. */
#define list_add_after(entry, new_entry) list_add_head(entry, new_entry)
#define list_add_before(entry, new_entry) list_add_tail(entry, new_entry)

/* Unlinks item and leaves it in no list. */
static inline void list_delete(list_node_t* item) {
  item->prev->next = item->next;
  item->next->prev = item->prev;
  list_clear_node(item);
}

/* new_node (in no list) takes old_node's place; old_node ends in no list. */
static inline void list_replace_node(list_node_t* old_node, list_node_t* new_node) {
  list_node_t* before = old_node->prev;
  list_node_t* after = old_node->next;
  list_clear_node(old_node);
  __zx_list_link(before, new_node, after);
}

static inline list_node_t* list_peek_head(const list_node_t* list) {
  return list_is_empty(list) ? NULL : list->next;
}

static inline list_node_t* list_peek_tail(const list_node_t* list) {
  return list_is_empty(list) ? NULL : list->prev;
}

static inline list_node_t* list_remove_head(list_node_t* list) {
  list_node_t* item = list_peek_head(list);
  if (item != NULL)
    list_delete(item);
  return item;
}

static inline list_node_t* list_remove_tail(list_node_t* list) {
  list_node_t* item = list_peek_tail(list);
  if (item != NULL)
    list_delete(item);
  return item;
}

/* The neighbours of item, or NULL at either end. */
static inline list_node_t* list_prev(list_node_t* list, list_node_t* item) {
  return item->prev == list ? NULL : item->prev;
}

static inline list_node_t* list_next(list_node_t* list, list_node_t* item) {
  return item->next == list ? NULL : item->next;
}

/* As list_prev and list_next, but past an end they continue from the other. */
static inline list_node_t* list_prev_wrap(list_node_t* list, list_node_t* item) {
  list_node_t* node = item->prev == list ? list->prev : item->prev;
  return node == list ? NULL : node;
}

static inline list_node_t* list_next_wrap(list_node_t* list, list_node_t* item) {
  list_node_t* node = item->next == list ? list->next : item->next;
  return node == list ? NULL : node;
}

#define list_remove_head_type(list, type, element) \
  ((type*)__zx_list_entry(list_remove_head(list), offsetof(type, element)))
#define list_remove_tail_type(list, type, element) \
  ((type*)__zx_list_entry(list_remove_tail(list), offsetof(type, element)))
#define list_peek_head_type(list, type, element) \
  ((type*)__zx_list_entry(list_peek_head(list), offsetof(type, element)))
#define list_peek_tail_type(list, type, element) \
  ((type*)__zx_list_entry(list_peek_tail(list), offsetof(type, element)))
#define list_prev_type(list, item, type, element) \
  ((type*)__zx_list_entry(list_prev(list, item), offsetof(type, element)))
#define list_prev_wrap_type(list, item, type, element) \
  ((type*)__zx_list_entry(list_prev_wrap(list, item), offsetof(type, element)))
#define list_next_type(list, item, type, element) \
  ((type*)__zx_list_entry(list_next(list, item), offsetof(type, element)))
#define list_next_wrap_type(list, item, type, element) \
  ((type*)__zx_list_entry(list_next_wrap(list, item), offsetof(type, element)))

/* Walks the nodes (list_node_t* node) from head to tail. */
#define list_for_every(list, node) for ((node) = (list)->next; (node) != (list); (node) = (node)->next)

/* As list_for_every; the loop body may delete node (temp_node holds the next). */
#define list_for_every_safe(list, node, temp_node)                        \
  for ((node) = (list)->next, (temp_node) = (node)->next; (node) != (list); \
       (node) = (temp_node), (temp_node) = (node)->next)

/* Walks the elements (type* entry) whose list_node_t field is member. */
#define list_for_every_entry(list, entry, type, member)                                 \
  for ((entry) = containerof((list)->next, type, member); &(entry)->member != (list); \
       (entry) = containerof((entry)->member.next, type, member))

/* As list_for_every_entry; the loop body may delete entry. */
#define list_for_every_entry_safe(list, entry, temp_entry, type, member)    \
  for ((entry) = containerof((list)->next, type, member),                   \
      (temp_entry) = containerof((entry)->member.next, type, member);       \
       &(entry)->member != (list);                                          \
       (entry) = (temp_entry), (temp_entry) = containerof((temp_entry)->member.next, type, member))

static inline size_t list_length(const list_node_t* list) {
  size_t count = 0;
  for (const list_node_t* node = list->next; node != list; node = node->next)
    count++;
  return count;
}

/* Moves every node of splice_from, in order, to right after pos; splice_from ends empty. */
static inline void list_splice_after(list_node_t* splice_from, list_node_t* pos) {
  if (list_is_empty(splice_from))
    return;
  list_node_t* first = splice_from->next;
  list_node_t* last = splice_from->prev;
  list_node_t* after = pos->next;
  pos->next = first;
  first->prev = pos;
  last->next = after;
  after->prev = last;
  list_initialize(splice_from);
}

/* Moves the nodes after pos (up to the end of list) to split_to, which is overwritten. */
static inline void list_split_after(list_node_t* list, list_node_t* pos, list_node_t* split_to) {
  if (pos->next == list) {
    list_initialize(split_to);
    return;
  }
  list_node_t* first = pos->next;
  list_node_t* last = list->prev;
  split_to->next = first;
  first->prev = split_to;
  split_to->prev = last;
  last->next = split_to;
  pos->next = list;
  list->prev = pos;
}

/* Moves all of old_list to new_list (overwritten); old_list ends empty. */
static inline void list_move(list_node_t* old_list, list_node_t* new_list) {
  list_initialize(new_list);
  list_splice_after(old_list, new_list);
}

__END_CDECLS

#endif /* ZIRCON_LISTNODE_H_ */
