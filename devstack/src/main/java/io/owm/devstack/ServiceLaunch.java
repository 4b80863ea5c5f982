package io.owm.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the devstack starts for one service: its extracted application jar, ports and environment, and the JVM
 * options it gets when it runs in a JVM of its own.
 */
record ServiceLaunch(String name, Path application, int port, int managementPort, Map<String, String> environment,
        String ownJvmOptions) {

    /** The environment with the ports, as the service's container would get it. */
    Map<String, String> environmentWithPorts() {
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.put("SERVER_PORT", Integer.toString(port));
        all.put("OWM_MANAGEMENT_PORT", Integer.toString(managementPort));
        return all;
    }
}
