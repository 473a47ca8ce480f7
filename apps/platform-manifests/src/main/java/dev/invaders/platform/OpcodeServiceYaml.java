package dev.invaders.platform;

import java.util.stream.Collectors;

/**
 * The YAML of an opcode service, for {@link GenerateOpcodeManifests}: its ServiceAccount, Deployment, Service
 * and Linkerd ServiceProfile, and a family's HorizontalPodAutoscaler and PodDisruptionBudget.
 */
final class OpcodeServiceYaml {

    private OpcodeServiceYaml() {
    }

    /**
     * An opcode service's Deployment: its name and labels, the {@code spec:} line that sets (or does not set)
     * its replicas, its image, the families it serves ({@link GenerateOpcodeManifests#FAMILIES_ENV}), its
     * {@code JAVA_TOOL_OPTIONS}, and its CPU request and limit with the comment line above them (or none).
     */
    record Pod(String name, String labels, String replicas, String image, String families, String jvmOptions,
               String cpuComment, String cpuRequest, String cpuLimit) {
    }

    /**
     * The pod's ServiceAccount, Deployment, Service and Linkerd ServiceProfile; {@code scaling} (objects each
     * ending in {@code ---}, or nothing) goes between the Service and the profile.
     */
    static String opcodeService(Pod pod, String scaling) {
        return """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: %1$s
                  labels:
                %2$sautomountServiceAccountToken: false
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  labels:
                %2$sspec:
                %4$s  revisionHistoryLimit: 3
                  minReadySeconds: 5
                  progressDeadlineSeconds: 300
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: %1$s
                  strategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxUnavailable: 0
                      maxSurge: 1
                  template:
                    metadata:
                      labels:
                %3$s    spec:
                      serviceAccountName: %1$s
                      automountServiceAccountToken: false
                      terminationGracePeriodSeconds: 30
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 65532
                        runAsGroup: 65532
                        fsGroup: 65532
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                        - name: opcode-service
                          image: %5$s
                          imagePullPolicy: IfNotPresent
                          env:
                            - name: %6$s
                              value: %7$s
                            - name: JAVA_TOOL_OPTIONS
                              value: "%8$s"
                            # The internal token: the SHA-256 of the in-cluster key (apps/base/internal-key.yaml).
                            - name: INVADERS_INTERNAL_TOKEN_FILE
                              value: /var/run/invaders/internal-key/tls.key
                          ports:
                            - name: http
                              containerPort: %9$d
                              protocol: TCP
                %10$s          resources:
                            requests:
                              cpu: %11$s
                              memory: 128Mi
                            limits:
                              cpu: %12$s
                              memory: 256Mi
                          startupProbe:
                            httpGet:
                              path: /actuator/health/liveness
                              port: http
                            periodSeconds: 2
                            failureThreshold: 60
                          readinessProbe:
                            httpGet:
                              path: /actuator/health/readiness
                              port: http
                            periodSeconds: 5
                            failureThreshold: 3
                          livenessProbe:
                            httpGet:
                              path: /actuator/health/liveness
                              port: http
                            periodSeconds: 10
                            failureThreshold: 3
                          lifecycle:
                            preStop:
                              # Endpoints are removed asynchronously: keep serving a moment before shutdown.
                              sleep:
                                seconds: 5
                          securityContext:
                            runAsNonRoot: true
                            readOnlyRootFilesystem: true
                            allowPrivilegeEscalation: false
                            capabilities:
                              drop:
                                - ALL
                            seccompProfile:
                              type: RuntimeDefault
                          volumeMounts:
                            - name: tmp
                              mountPath: /tmp
                            - name: internal-key
                              mountPath: /var/run/invaders/internal-key
                              readOnly: true
                      volumes:
                        - name: tmp
                          emptyDir:
                            sizeLimit: 32Mi
                        - name: internal-key
                          secret:
                            secretName: invaders-internal-key
                            defaultMode: 288 # 0440: the pod's group (fsGroup 65532) reads it
                            items:
                              - key: tls.key
                                path: tls.key
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                  labels:
                %2$sspec:
                  type: ClusterIP
                  selector:
                    app.kubernetes.io/name: %1$s
                  ports:
                    - name: http
                      port: %9$d
                      targetPort: http
                      protocol: TCP
                ---
                %13$s# Execution is a pure function (docs/services.md): POST /api/v1/execute is the one
                # route the mesh may retry. No other route of any service is retryable.
                apiVersion: linkerd.io/v1alpha2
                kind: ServiceProfile
                metadata:
                  name: %1$s.emulator.svc.cluster.local
                  labels:
                %2$sspec:
                  routes:
                    - name: POST /api/v1/execute
                      condition:
                        method: POST
                        pathRegex: /api/v1/execute
                      isRetryable: true
                      timeout: 500ms
                  retryBudget:
                    retryRatio: 0.2
                    minRetriesPerSecond: 10
                    ttl: 10s
                """.formatted(pod.name(), indent(pod.labels(), 4), indent(pod.labels(), 8), pod.replicas(), pod.image(),
                GenerateOpcodeManifests.FAMILIES_ENV, pod.families(), pod.jvmOptions(), GenerateOpcodeManifests.PORT, pod.cpuComment(), pod.cpuRequest(),
                pod.cpuLimit(), scaling);
    }

    /** A family's HorizontalPodAutoscaler and PodDisruptionBudget, each followed by {@code ---}. */
    static String scaling(String name, String labels, String load, GenerateOpcodeManifests.Sizing z) {
        return """
                # Numbers from docs/load-test/capacity.json (./load-test capacity): a %3$s family; overlays patch
                # min/max replicas. The metric is the opcode-service container's CPU, not the pod's: the pod's
                # would add the Linkerd proxy's (clusters/README.md, "Autoscaling the opcode families").
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: %1$s
                  labels:
                %2$sspec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: %1$s
                  minReplicas: 1
                  maxReplicas: %4$d
                  metrics:
                    - type: ContainerResource
                      containerResource:
                        name: cpu
                        container: opcode-service
                        target:
                          type: Utilization
                          averageUtilization: %5$d
                  behavior:
                    scaleUp:
                      stabilizationWindowSeconds: 0
                      selectPolicy: Max
                      policies:
                %6$s
                    scaleDown:
                      stabilizationWindowSeconds: 300
                      policies:
                        - type: Percent
                          value: 50
                          periodSeconds: 60
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: %1$s
                  labels:
                %2$sspec:
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: %1$s
                ---
                """.formatted(name, indent(labels, 4), load, z.maxReplicas(), z.utilization(),
                z.scaleUp().indent(8).stripTrailing());
    }

    private static String indent(String block, int spaces) {
        String pad = " ".repeat(spaces);
        return block.lines().map(l -> pad + l.strip()).collect(Collectors.joining("\n", "", "\n"));
    }
}
