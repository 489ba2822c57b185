-- 008: one role model for every origin (records.Event.actors_in, README "Roles"): in a battle (ACLED type
-- Battles) every side is a party and nobody is perpetrator. Imported battles were stored that way already;
-- news-coded battles named the attacker perpetrator and the attacked side target. Re-derive them.
UPDATE events SET
    party_ids = CASE WHEN coalesce(target_ids, '') = '' THEN coalesce(source_ids, '')
                     WHEN coalesce(source_ids, '') = '' THEN target_ids
                     ELSE source_ids || '|' || target_ids END,
    perpetrator_ids = ''
WHERE origin = 'spillwatch' AND acled_type = 'Battles';
