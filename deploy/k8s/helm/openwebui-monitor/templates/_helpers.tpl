{{/*
The four services with their ports (the images' fixed ports): http serves the API, management serves actuator
(probes, metrics) and nothing else.
*/}}
{{- define "owm.services" -}}
gateway: {http: 7878, management: 7879}
billing: {http: 7881, management: 7891}
catalog: {http: 7882, management: 7892}
analytics: {http: 7883, management: 7893}
{{- end }}

{{/* Kubernetes name of a service's objects: <release>-<key>-service, e.g. owm-billing-service. */}}
{{- define "owm.name" -}}
{{- printf "%s-%s-service" .root.Release.Name .key | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "owm.secretName" -}}
{{- if .Values.secrets.create -}}
{{- printf "%s-secrets" .Release.Name -}}
{{- else -}}
{{- required "secrets.existingSecret must name a Secret (or set secrets.create=true)" .Values.secrets.existingSecret -}}
{{- end -}}
{{- end }}

{{- define "owm.configName" -}}
{{- printf "%s-config" .Release.Name -}}
{{- end }}

{{- define "owm.labels" -}}
app.kubernetes.io/name: {{ .key }}-service
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: openwebui-monitor
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{- define "owm.selectorLabels" -}}
app.kubernetes.io/name: {{ .key }}-service
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* env entry from the chart's ConfigMap */}}
{{- define "owm.fromConfig" -}}
- name: {{ .name }}
  valueFrom:
    configMapKeyRef:
      name: {{ include "owm.configName" .root }}
      key: {{ .key | default .name }}
{{- end }}

{{/* env entry from the Secret: secret values never pass through a ConfigMap or a literal */}}
{{- define "owm.fromSecret" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "owm.secretName" .root }}
      key: {{ .key | default .name }}
{{- end }}
