# Writes N rows (-v rows=N) in ACLED's 31-column export layout, deterministic: the same N gives the same file.
# Countries cycle through a few ISO numeric codes with a point inside each; ids are GEN{n}.
BEGIN {
  srand(20220105)
  split("398|Kazakhstan|43.25|76.93;760|Syria|33.51|36.29;104|Myanmar|16.87|96.20;804|Ukraine|50.45|30.52;566|Nigeria|9.08|7.40;0|Kosovo|42.66|21.17", places, ";")
  split("Protests|Peaceful protest;Riots|Violent demonstration;Battles|Armed clash;Violence against civilians|Attack;Explosions/Remote violence|Shelling/artillery/missile attack;Strategic developments|Arrests", types, ";")
  print "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
  for (n = 1; n <= rows; n++) {
    split(places[1 + n % 6], p, "|")
    split(types[1 + int(rand() * 6)], t, "|")
    day = 1 + n % 28; month = 1 + int(n / 28) % 12
    date = sprintf("2022-%02d-%02d", month, day)
    lat = p[3] + (rand() - 0.5) * 0.2; lon = p[4] + (rand() - 0.5) * 0.2
    fatalities = (t[1] == "Protests") ? 0 : int(rand() * 20)
    printf "GEN%d,%s,2022,1,Political violence,%s,%s,Actor %d,Group A; Group B,1,Actor %d,,2,12,,%d,Region,%s,Admin %d,District %d,,Place %d,%.4f,%.4f,1,Agency %d,National,\"Generated row %d, with a comma and \"\"quotes\"\".\",%d,,%d\n", \
      n, date, t[1], t[2], n % 50, n % 70, p[1], p[2], n % 10, n % 100, n % 1000, lat, lon, n % 30, n, fatalities, 1641000000 + n
  }
}
