package org.p4vpn.runtime;

import com.google.common.collect.ImmutableList;
import org.onosproject.store.primitives.ConsistentMapBackedJavaMap;
import org.onosproject.store.service.AsyncConsistentMap;
import org.onosproject.store.service.ConsistentMap;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.DistributedPrimitive;
import org.onosproject.store.service.MapEvent;
import org.onosproject.store.service.MapEventListener;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.Versioned;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link ConsistentMap} in one JVM: linearizable (one lock), versioned, and durable through the
 * {@link Journal} when one is given (each write is on disk before the call returns). Listeners
 * are told of each change after it is applied, in order.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class EmbeddedConsistentMap<K, V> implements ConsistentMap<K, V> {

    private final String name;
    private final Serializer serializer;
    private final Journal journal;
    private final AtomicLong versions;
    private final Map<K, Versioned<V>> map = new LinkedHashMap<>();
    private final List<ListenerAndExecutor<K, V>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.Queue<MapEvent<K, V>> pendingEvents = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.locks.ReentrantLock drainLock = new java.util.concurrent.locks.ReentrantLock();

    private static final class ListenerAndExecutor<K, V> {
        private final MapEventListener<K, V> listener;
        private final Executor executor;

        ListenerAndExecutor(MapEventListener<K, V> listener, Executor executor) {
            this.listener = listener;
            this.executor = executor;
        }
    }

    EmbeddedConsistentMap(String name, Serializer serializer, Journal journal, AtomicLong versions) {
        this.name = name;
        this.serializer = serializer;
        this.journal = journal;
        this.versions = versions;
        if (journal != null) {
            journal.recover(name).forEach((k, v) -> map.put(serializer.decode(k.get()),
                    new Versioned<>(serializer.decode(v), versions.incrementAndGet())));
        }
    }

    /** Builder handed out by the embedded storage service. */
    static final class Builder<K, V> extends ConsistentMapBuilder<K, V> {
        private final Journal journal;
        private final AtomicLong versions;
        private final Map<String, Object> built;

        Builder(Journal journal, AtomicLong versions, Map<String, Object> built) {
            this.journal = journal;
            this.versions = versions;
            this.built = built;
        }

        @Override
        @SuppressWarnings("unchecked")
        public ConsistentMap<K, V> build() {
            synchronized (built) {
                return (ConsistentMap<K, V>) built.computeIfAbsent(name(),
                        n -> new EmbeddedConsistentMap<K, V>(n, serializer(), journal, versions));
            }
        }

        @Override
        public AsyncConsistentMap<K, V> buildAsyncMap() {
            throw new UnsupportedOperationException("the embedded store offers synchronous maps only");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DistributedPrimitive.Type primitiveType() {
        return DistributedPrimitive.Type.CONSISTENT_MAP;
    }

    @Override
    public synchronized int size() {
        return map.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public synchronized boolean containsKey(K key) {
        return map.containsKey(key);
    }

    @Override
    public synchronized boolean containsValue(V value) {
        return map.values().stream().anyMatch(v -> Objects.equals(v.value(), value));
    }

    @Override
    public synchronized Versioned<V> get(K key) {
        return map.get(key);
    }

    @Override
    public synchronized Versioned<V> getOrDefault(K key, V defaultValue) {
        Versioned<V> v = map.get(key);
        return v != null ? v : new Versioned<>(defaultValue, 0);
    }

    @Override
    public Versioned<V> computeIfAbsent(K key, Function<? super K, ? extends V> fn) {
        return computeIf(key, Objects::isNull, (k, v) -> fn.apply(k));
    }

    @Override
    public Versioned<V> compute(K key, BiFunction<? super K, ? super V, ? extends V> fn) {
        return computeIf(key, v -> true, fn);
    }

    @Override
    public Versioned<V> computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> fn) {
        return computeIf(key, Objects::nonNull, fn);
    }

    @Override
    public Versioned<V> computeIf(K key, Predicate<? super V> condition,
                                  BiFunction<? super K, ? super V, ? extends V> fn) {
        MapEvent<K, V> event;
        Versioned<V> result;
        synchronized (this) {
            Versioned<V> old = map.get(key);
            V oldValue = Versioned.valueOrNull(old);
            if (!condition.test(oldValue)) {
                return old;
            }
            V newValue = fn.apply(key, oldValue);
            if (newValue == null) {
                event = old == null ? null : write(key, null, old);
                result = null;
            } else {
                event = write(key, newValue, old);
                result = map.get(key);
            }
        }
        deliverEvents();
        return result;
    }

    @Override
    public Versioned<V> put(K key, V value) {
        return update(key, value, v -> true);
    }

    @Override
    public Versioned<V> putAndGet(K key, V value) {
        put(key, value);
        return get(key);
    }

    @Override
    public Versioned<V> remove(K key) {
        return update(key, null, v -> true);
    }

    @Override
    public void clear() {
        for (K k : keySet()) {
            remove(k);
        }
    }

    @Override
    public synchronized Set<K> keySet() {
        return new LinkedHashSet<>(map.keySet());
    }

    @Override
    public synchronized Collection<Versioned<V>> values() {
        return new ArrayList<>(map.values());
    }

    @Override
    public synchronized Set<Map.Entry<K, Versioned<V>>> entrySet() {
        return new LinkedHashMap<>(map).entrySet();
    }

    @Override
    public Versioned<V> putIfAbsent(K key, V value) {
        return update(key, value, Objects::isNull);
    }

    @Override
    public boolean remove(K key, V value) {
        return updated(key, null, v -> v != null && Objects.equals(v.value(), value));
    }

    @Override
    public boolean remove(K key, long version) {
        return updated(key, null, v -> v != null && v.version() == version);
    }

    @Override
    public Versioned<V> replace(K key, V value) {
        return update(key, value, Objects::nonNull);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return updated(key, newValue, v -> v != null && Objects.equals(v.value(), oldValue));
    }

    @Override
    public boolean replace(K key, long oldVersion, V newValue) {
        return updated(key, newValue, v -> v != null && v.version() == oldVersion);
    }

    private boolean updated(K key, V value, Predicate<Versioned<V>> condition) {
        MapEvent<K, V> event;
        synchronized (this) {
            Versioned<V> old = map.get(key);
            if (!condition.test(old)) {
                return false;
            }
            event = write(key, value, old);
        }
        deliverEvents();
        return true;
    }

    /** Writes if the condition holds on the old value; returns the old value. */
    private Versioned<V> update(K key, V value, Predicate<Versioned<V>> condition) {
        MapEvent<K, V> event;
        Versioned<V> old;
        synchronized (this) {
            old = map.get(key);
            if (!condition.test(old)) {
                return old;
            }
            event = value == null && old == null ? null : write(key, value, old);
        }
        deliverEvents();
        return old;
    }

    /** Journals, then applies one write (value null removes); returns its event. Holds the lock. */
    private MapEvent<K, V> write(K key, V value, Versioned<V> old) {
        byte[] k = serializer.encode(key);
        if (value == null) {
            if (journal != null) {
                journal.remove(name, k);
            }
            map.remove(key);
            MapEvent<K, V> e = new MapEvent<>(name, key, null, old);
            pendingEvents.add(e);
            return e;
        }
        if (journal != null) {
            journal.put(name, k, serializer.encode(value));
        }
        Versioned<V> now = new Versioned<>(value, versions.incrementAndGet(), System.currentTimeMillis());
        map.put(key, now);
        MapEvent<K, V> e = new MapEvent<>(name, key, now, old);
        pendingEvents.add(e);
        return e;
    }

    /**
     * Hands events to listeners in the order the writes happened: writes queue their events under
     * the map lock, and one thread at a time drains the queue.
     */
    private void deliverEvents() {
        while (drainLock.tryLock()) {
            try {
                MapEvent<K, V> e;
                while ((e = pendingEvents.poll()) != null) {
                    MapEvent<K, V> ev = e;
                    for (ListenerAndExecutor<K, V> l : listeners) {
                        l.executor.execute(() -> l.listener.event(ev));
                    }
                }
            } finally {
                drainLock.unlock();
            }
            if (pendingEvents.isEmpty()) {
                return;
            }
        }
    }

    @Override
    public void addListener(MapEventListener<K, V> listener, Executor executor) {
        listeners.add(new ListenerAndExecutor<>(listener, executor));
    }

    @Override
    public void removeListener(MapEventListener<K, V> listener) {
        listeners.removeIf(l -> l.listener == listener);
    }

    @Override
    public Map<K, V> asJavaMap() {
        return new ConsistentMapBackedJavaMap<>(this);
    }

    @Override
    public Iterator<Map.Entry<K, Versioned<V>>> iterator() {
        return ImmutableList.copyOf(entrySet()).iterator();
    }
}
