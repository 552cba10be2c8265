// Each embed of MQTT QoS Lab posts its height; give it to the iframe that sent it.
addEventListener("message", (e) => {
  if (e.data?.type !== "mqtt-qos-lab:height") return;
  for (const f of document.querySelectorAll("iframe"))
    if (f.contentWindow === e.source) f.height = e.data.height;
});
