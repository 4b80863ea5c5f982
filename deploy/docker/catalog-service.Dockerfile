# Image of catalog-service. Build it from the repository root, after Maven has built the jar:
#   ./mvnw -DskipTests package
#   docker build -f deploy/docker/catalog-service.Dockerfile -t openwebui-monitor/catalog-service:latest .
# (docker compose build does the same for all four.) The jar is built once by Maven outside Docker, with the
# same JDK and the same local repository as the tests: no Maven or source tree in any image, and the .dockerignore
# at the root keeps the build context down to the four jars and this folder.

# Java 17 at run time too: the version the code is compiled and tested with.
ARG JAVA_IMAGE=eclipse-temurin:17-jre-noble

FROM ${JAVA_IMAGE} AS layers
WORKDIR /build
COPY catalog-service/target/catalog-service.jar application.jar
# Spring Boot's tools jar mode cuts the jar into its layers (dependencies, spring-boot-loader,
# snapshot-dependencies, application), each an exploded jar that Boot's own launcher starts as is.
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM ${JAVA_IMAGE}
# A fixed numeric uid, so that Kubernetes' runAsNonRoot can verify it without a user database.
RUN groupadd --system --gid 10001 owm \
    && useradd --system --uid 10001 --gid owm --home-dir /app --no-create-home --shell /usr/sbin/nologin owm
WORKDIR /app
# From least to most often changed: after a code change only the last layer is rebuilt and pushed.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
COPY --chmod=0755 deploy/docker/healthcheck.sh /usr/local/bin/healthcheck
USER 10001:10001

# The heap follows the container's memory limit instead of the host's memory; the rest of the limit is left to
# metaspace, thread stacks and Netty's direct buffers. An OutOfMemoryError ends the JVM so that the container is
# restarted instead of limping on. Replace the whole variable to tune it (it is read before the command line).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=30 -XX:+ExitOnOutOfMemoryError"
# The API port, then the management port: actuator (health, metrics) answers only on the second.
EXPOSE 7882 7892
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["healthcheck", "7892"]
# Exec form: java is PID 1 and receives SIGTERM itself, so Spring Boot's graceful shutdown runs on docker stop
# and on pod termination.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
