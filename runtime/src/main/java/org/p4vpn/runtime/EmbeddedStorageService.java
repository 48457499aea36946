package org.p4vpn.runtime;

import org.onosproject.store.service.AsyncConsistentMultimap;
import org.onosproject.store.service.AsyncConsistentTreeMap;
import org.onosproject.store.service.AsyncDocumentTree;
import org.onosproject.store.service.AtomicCounterBuilder;
import org.onosproject.store.service.AtomicCounterMapBuilder;
import org.onosproject.store.service.AtomicIdGeneratorBuilder;
import org.onosproject.store.service.AtomicValueBuilder;
import org.onosproject.store.service.ConsistentMapBuilder;
import org.onosproject.store.service.ConsistentMultimapBuilder;
import org.onosproject.store.service.ConsistentTreeMapBuilder;
import org.onosproject.store.service.DistributedLockBuilder;
import org.onosproject.store.service.DistributedSetBuilder;
import org.onosproject.store.service.DocumentTreeBuilder;
import org.onosproject.store.service.EventuallyConsistentMapBuilder;
import org.onosproject.store.service.LeaderElectorBuilder;
import org.onosproject.store.service.Serializer;
import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.Topic;
import org.onosproject.store.service.TopicBuilder;
import org.onosproject.store.service.TransactionContextBuilder;
import org.onosproject.store.service.WorkQueue;
import org.onosproject.store.service.WorkQueueBuilder;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ONOS's {@link StorageService} for one JVM: consistent maps kept in memory and, when a data
 * directory is given, journaled to it (see {@link Journal}). Only what the application uses is
 * offered; every other primitive says so when asked for.
 */
public final class EmbeddedStorageService implements StorageService, AutoCloseable {

    private final Journal journal;
    private final AtomicLong versions = new AtomicLong();
    private final Map<String, Object> maps = new HashMap<>();

    private EmbeddedStorageService(Journal journal) {
        this.journal = journal;
    }

    /**
     * Returns a store that keeps its maps in a data directory and survives restarts and kills.
     *
     * @param dataDir directory (created if missing)
     * @return storage service
     */
    public static EmbeddedStorageService persistent(Path dataDir) {
        return new EmbeddedStorageService(new Journal(dataDir, true));
    }

    /**
     * Returns a store that keeps its maps in memory only.
     *
     * @return storage service
     */
    public static EmbeddedStorageService inMemory() {
        return new EmbeddedStorageService(null);
    }

    @Override
    public <K, V> ConsistentMapBuilder<K, V> consistentMapBuilder() {
        return new EmbeddedConsistentMap.Builder<>(journal, versions, maps);
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("the embedded store does not offer " + what);
    }

    @Override
    public <K, V> EventuallyConsistentMapBuilder<K, V> eventuallyConsistentMapBuilder() {
        throw unsupported("eventually consistent maps");
    }

    @Override
    public <V> DocumentTreeBuilder<V> documentTreeBuilder() {
        throw unsupported("document trees");
    }

    @Override
    public <V> ConsistentTreeMapBuilder<V> consistentTreeMapBuilder() {
        throw unsupported("tree maps");
    }

    @Override
    public <K, V> ConsistentMultimapBuilder<K, V> consistentMultimapBuilder() {
        throw unsupported("multimaps");
    }

    @Override
    public <K> AtomicCounterMapBuilder<K> atomicCounterMapBuilder() {
        throw unsupported("counter maps");
    }

    @Override
    public <E> DistributedSetBuilder<E> setBuilder() {
        throw unsupported("sets");
    }

    @Override
    public AtomicCounterBuilder atomicCounterBuilder() {
        throw unsupported("counters");
    }

    @Override
    public AtomicIdGeneratorBuilder atomicIdGeneratorBuilder() {
        throw unsupported("id generators");
    }

    @Override
    public <V> AtomicValueBuilder<V> atomicValueBuilder() {
        throw unsupported("atomic values");
    }

    @Override
    public DistributedLockBuilder lockBuilder() {
        throw unsupported("locks");
    }

    @Override
    public LeaderElectorBuilder leaderElectorBuilder() {
        throw unsupported("leader electors");
    }

    @Override
    public <T> TopicBuilder<T> topicBuilder() {
        throw unsupported("topics");
    }

    @Override
    public <E> WorkQueueBuilder<E> workQueueBuilder() {
        throw unsupported("work queues");
    }

    @Override
    public TransactionContextBuilder transactionContextBuilder() {
        throw unsupported("transactions");
    }

    @Override
    public <E> WorkQueue<E> getWorkQueue(String name, Serializer serializer) {
        throw unsupported("work queues");
    }

    @Override
    public <V> AsyncDocumentTree<V> getDocumentTree(String name, Serializer serializer) {
        throw unsupported("document trees");
    }

    @Override
    public <K, V> AsyncConsistentMultimap<K, V> getAsyncSetMultimap(String name, Serializer serializer) {
        throw unsupported("multimaps");
    }

    @Override
    public <V> AsyncConsistentTreeMap<V> getAsyncTreeMap(String name, Serializer serializer) {
        throw unsupported("tree maps");
    }

    @Override
    public <T> Topic<T> getTopic(String name, Serializer serializer) {
        throw unsupported("topics");
    }
}
