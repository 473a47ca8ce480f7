package dev.invaders.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kinds whose schema comes from upstream (generated from the project's CRDs, not written here) are
 * validated by it, strictly: a valid object passes, an unknown field or a wrong type fails.
 */
class UpstreamSchemasTest {

    private static final SchemaValidator SCHEMAS = PlatformValidationTest.SCHEMAS;

    private static final String CERTIFICATE = """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: c
              namespace: n
            spec:
              isCA: true
              commonName: example
              secretName: c
              duration: 48h
              renewBefore: 25h
              privateKey:
                algorithm: ECDSA
                size: 256
                rotationPolicy: Always
              usages: [cert sign, crl sign]
              issuerRef:
                kind: ClusterIssuer
                name: i
                group: cert-manager.io
            """;

    private static ObjectNode parse(String yaml) {
        List<ObjectNode> objects = Manifests.parse(yaml, "inline");
        assertEquals(1, objects.size());
        return objects.getFirst();
    }

    private static List<String> errors(String yaml) {
        return SCHEMAS.validate(parse(yaml));
    }

    private static void fails(String yaml, String expected) {
        List<String> e = errors(yaml);
        assertTrue(e.stream().anyMatch(m -> m.contains(expected)),
                "expected an error mentioning '" + expected + "', got " + e);
    }

    @Test
    void certManagerKindsComeFromFabric8sGeneratedModels() {
        for (String kind : List.of("Certificate", "Issuer", "ClusterIssuer")) {
            String source = SCHEMAS.source("cert-manager.io/v1", kind);
            assertTrue(source != null && source.startsWith("fabric8 model io.fabric8.certmanager."), kind + " <- " + source);
        }
    }

    @Test
    void aValidCertificatePasses() {
        assertEquals(List.of(), errors(CERTIFICATE));
    }

    @Test
    void aCertificateDurationThatIsANumberFails() {
        fails(CERTIFICATE.replace("duration: 48h", "duration: 5"), "at spec.duration: ");
    }

    @Test
    void aCertificateFlagThatIsAStringFails() {
        fails(CERTIFICATE.replace("isCA: true", "isCA: \"yes\""), "at spec.isCA: ");
    }

    @Test
    void anUnknownFieldDeepInACertificateFails() {
        fails(CERTIFICATE.replace("size: 256", "sizee: 256"), "unknown field spec.privateKey.sizee");
    }

    @Test
    void anUnknownFieldInAnIssuerFails() {
        fails("""
                apiVersion: cert-manager.io/v1
                kind: ClusterIssuer
                metadata:
                  name: i
                spec:
                  ca:
                    secretName: s
                    secretNamee: s
                """, "unknown field spec.ca.secretNamee");
    }

    @Test
    void aMisspelledChartVersionInAHelmReleaseFails() {
        // HelmRelease's schema is still our own (see the module README): the same rule holds.
        fails("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: r
                  namespace: n
                spec:
                  interval: 30m
                  chart:
                    spec:
                      chart: x
                      versionn: 1.0.0
                      sourceRef:
                        kind: HelmRepository
                        name: x
                """, "versionn");
    }
}
