package io.owm.localinfra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for servers that tests start, so that parallel runs and a developer's own services do not collide. */
public final class FreePorts {

    /*
     * Ports come from below Linux's ephemeral range (32768 and up): a port taken from that range with bind(0) can
     * be handed to another process's outgoing connection before our server binds it, and bind(0) may answer the
     * same port twice in a row (seen in CI: the devstack's gateway and billing got one port, billing did not
     * start). A port is also handed out only once per JVM.
     */
    private static final int LOWEST = 15_000;
    private static final int HIGHEST = 32_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final int ATTEMPTS = 1_000;

    private FreePorts() {
    }

    public static synchronized int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST + " and " + HIGHEST + " on the loopback"
                + " interface after " + ATTEMPTS + " attempts");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
