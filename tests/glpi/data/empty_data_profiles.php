<?php
// Excerpt of GLPI 10.0.15's install/empty_data.php (GPL-3.0-or-later, Teclib' and
// contributors): the seeded profiles and their rights, as GLPI installs them.
// self::PROFILE_SELF_SERVICE = 1, OBSERVER = 2, ADMIN = 3, SUPER_ADMIN = 4, HOTLINER = 5,
// TECHNICIAN = 6, SUPERVISOR = 7, READ_ONLY = 8; self::RIGHT_NONE = 0.

        $tables['glpi_profiles'] = [
            [
                'id' => self::PROFILE_SELF_SERVICE,
                'name' => 'Self-Service',
                'interface' => 'helpdesk',
                'is_default' => '1',
                'helpdesk_hardware' => '1',
                'helpdesk_item_type' => '["Computer","Monitor","NetworkEquipment","Peripheral","Phone","Printer","Software", "DCRoom", "Rack", "Enclosure", "Database"]',
                'ticket_status' => '{"1":{"2":0,"3":0,"4":0,"5":0,"6":0},"2":{"1":0,"3":0,"4":0,"5":0,"6":0},"3":{"1":0,"2":0,"4":0,"5":0,"6":0},"4":{"1":0,"2":0,"3":0,"5":0,"6":0},"5":{"1":0,"2":0,"3":0,"4":0},"6":{"1":0,"2":0,"3":0,"4":0,"5":0}}',
                'comment' => '',
                'problem_status' => '[]',
                'create_ticket_on_login' => '0',
                'tickettemplates_id' => '0',
                'change_status' => null,
                'managed_domainrecordtypes' => '[]',
            ], [
                'id' => self::PROFILE_OBSERVER,
                'name' => 'Observer',
                'interface' => 'central',
                'is_default' => '0',
                'helpdesk_hardware' => '1',
                'helpdesk_item_type' => '["Computer","Monitor","NetworkEquipment","Peripheral","Phone","Printer","Software", "DCRoom", "Rack", "Enclosure", "Database"]',
                'ticket_status' => '[]',
                'comment' => '',
                'problem_status' => '[]',
                'create_ticket_on_login' => '0',
                'tickettemplates_id' => '0',
                'change_status' => null,
                'managed_domainrecordtypes' => '[]',
            ], [
                'id' => self::PROFILE_ADMIN,
                'name' => 'Admin',
                'interface' => 'central',
                'is_default' => '0',
                'helpdesk_hardware' => '3',
                'helpdesk_item_type' => '["Computer","Monitor","NetworkEquipment","Peripheral","Phone","Printer","Software", "DCRoom", "Rack", "Enclosure", "Database"]',
                'ticket_status' => '[]',
                'comment' => '',
                'problem_status' => '[]',
                'create_ticket_on_login' => '0',
                'tickettemplates_id' => '0',
                'change_status' => null,
                'managed_domainrecordtypes' => '[-1]',
            ], [
                'id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'Super-Admin',
                'interface' => 'central',
                'is_default' => '0',
                'helpdesk_hardware' => '3',
                'helpdesk_item_type' => '["Computer","Monitor","NetworkEquipment","Peripheral","Phone","Printer","Software", "DCRoom", "Rack", "Enclosure", "Database"]',
                'ticket_status' => '[]',
                'comment' => '',
                'problem_status' => '[]',
                'create_ticket_on_login' => '0',
                'tickettemplates_id' => '0',
                'change_status' => null,
                'managed_domainrecordtypes' => '[-1]',
            ], [
                'id' => self::PROFILE_HOTLINER,
                'name' => 'Hotliner',
                'interface' => 'central',
                'is_default' => '0',
                'helpdesk_hardware' => '3',
                'helpdesk_item_type' => '["Computer","Monitor","NetworkEquipment","Peripheral","Phone","Printer","Software", "DCRoom", "Rack", "Enclosure", "Database"]',
                'ticket_status' => '[]',
                'comment' => '',
                'problem_status' => '[]',
                'create_ticket_on_login' => '1',
                'tickettemplates_id' => '0',
                'change_status' => null,
                'managed_domainrecordtypes' => '[]',
            ], [
                'id' => self::PROFILE_TECHNICIAN,
                'name' => 'Technician',
                'interface' => 'central',
                'is_default' => '0',
                'helpdesk_hardware' => '3',
                'helpdesk_item_type' => '["Computer","Monitor","NetworkEquipment","Peripheral","Phone","Printer","Software", "DCRoom", "Rack", "Enclosure", "Database"]',
                'ticket_status' => '[]',
                'comment' => '',
                'problem_status' => '[]',
                'create_ticket_on_login' => '0',
                'tickettemplates_id' => '0',
                'change_status' => null,
                'managed_domainrecordtypes' => '[]',
            ], [
                'id' => self::PROFILE_SUPERVISOR,
                'name' => 'Supervisor',
                'interface' => 'central',
                'is_default' => '0',
                'helpdesk_hardware' => '3',
                'helpdesk_item_type' => '["Computer","Monitor","NetworkEquipment","Peripheral","Phone","Printer","Software", "DCRoom", "Rack", "Enclosure", "Database"]',
                'ticket_status' => '[]',
                'comment' => '',
                'problem_status' => '[]',
                'create_ticket_on_login' => '0',
                'tickettemplates_id' => '0',
                'change_status' => null,
                'managed_domainrecordtypes' => '[]',
            ], [
                'id' => self::PROFILE_READ_ONLY,
                'name' => 'Read-Only',
                'interface' => 'central',
                'is_default' => '0',
                'helpdesk_hardware' => '0',
                'helpdesk_item_type' => '[]',
                'ticket_status' => '{"1":{"2":0,"3":0,"4":0,"5":0,"6":0},"2":{"1":0,"3":0,"4":0,"5":0,"6":0},"3":{"1":0,"2":0,"4":0,"5":0,"6":0},"4":{"1":0,"2":0,"3":0,"5":0,"6":0},"5":{"1":0,"2":0,"3":0,"4":0,"6":0},"6":{"1":0,"2":0,"3":0,"4":0,"5":0}}',
                'comment' => 'This profile defines read-only access. It is used when objects are locked. It can also be used to give to users rights to unlock objects.',
                'problem_status' => '{"1":{"7":0,"2":0,"3":0,"4":0,"5":0,"8":0,"6":0},"7":{"1":0,"2":0,"3":0,"4":0,"5":0,"8":0,"6":0},"2":{"1":0,"7":0,"3":0,"4":0,"5":0,"8":0,"6":0},"3":{"1":0,"7":0,"2":0,"4":0,"5":0,"8":0,"6":0},"4":{"1":0,"7":0,"2":0,"3":0,"5":0,"8":0,"6":0},"5":{"1":0,"7":0,"2":0,"3":0,"4":0,"8":0,"6":0},"8":{"1":0,"7":0,"2":0,"3":0,"4":0,"5":0,"6":0},"6":{"1":0,"7":0,"2":0,"3":0,"4":0,"5":0,"8":0}}',
                'create_ticket_on_login' => '0',
                'tickettemplates_id' => '0',
                'change_status' => '{"1":{"9":0,"10":0,"7":0,"4":0,"11":0,"12":0,"5":0,"8":0,"6":0},"9":{"1":0,"10":0,"7":0,"4":0,"11":0,"12":0,"5":0,"8":0,"6":0},"10":{"1":0,"9":0,"7":0,"4":0,"11":0,"12":0,"5":0,"8":0,"6":0},"7":{"1":0,"9":0,"10":0,"4":0,"11":0,"12":0,"5":0,"8":0,"6":0},"4":{"1":0,"9":0,"10":0,"7":0,"11":0,"12":0,"5":0,"8":0,"6":0},"11":{"1":0,"9":0,"10":0,"7":0,"4":0,"12":0,"5":0,"8":0,"6":0},"12":{"1":0,"9":0,"10":0,"7":0,"4":0,"11":0,"5":0,"8":0,"6":0},"5":{"1":0,"9":0,"10":0,"7":0,"4":0,"11":0,"12":0,"8":0,"6":0},"8":{"1":0,"9":0,"10":0,"7":0,"4":0,"11":0,"12":0,"5":0,"6":0},"6":{"1":0,"9":0,"10":0,"7":0,"4":0,"11":0,"12":0,"5":0,"8":0}}',
                'managed_domainrecordtypes' => '[]',
            ],
        ];

        $tables['glpi_profilerights'] = [
            [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'computer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'monitor',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'software',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'networking',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'internet',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'printer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'peripheral',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'cartridge',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'consumable',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'phone',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'queuednotification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'contact_enterprise',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'document',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'contract',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'infocom',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'knowbase',
                'rights' => KnowbaseItem::READFAQ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'reservation',
                'rights' => ReservationItem::RESERVEANITEM,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'reports',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'device',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'typedoc',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'link',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_ticket',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_import',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_ldap',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_softwarecategories',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'search_config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'domain',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'profile',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'user',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'group',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'entity',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'transfer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'logs',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'reminder_public',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rssfeed_public',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'bookmark_public',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'backup',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'ticket',
                'rights' => READ | CREATE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'followup',
                'rights' => READ | CREATE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'task',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'planning',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'state',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'taskcategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'statistic',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'password_update',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'show_group_hardware',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_dictionnary_software',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_dictionnary_dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'budget',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'notification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_mailcollector',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'solutiontemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'itilfollowuptemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'calendar',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'slm',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_dictionnary_printer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'problem',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'cable_management',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'knowbasecategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'itilcategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'itiltemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'ticketrecurrent',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'ticketcost',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'changevalidation',
                'rights' => CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'ticketvalidation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'computer',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'monitor',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'software',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'networking',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'internet',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'printer',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'peripheral',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'cartridge',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'consumable',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'phone',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'queuednotification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'contact_enterprise',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'document',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'contract',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'infocom',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'knowbase',
                'rights' => READ | KnowbaseItem::READFAQ | KnowbaseItem::COMMENTS,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'reservation',
                'rights' => READ | ReservationItem::RESERVEANITEM,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'reports',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'device',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'typedoc',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'link',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_ticket',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_import',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_ldap',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_softwarecategories',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'search_config',
                'rights' => DisplayPreference::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'location',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'domain',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'profile',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'user',
                'rights' => READ | User::READAUTHENT,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'group',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'entity',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'transfer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'logs',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'reminder_public',
                'rights' => READ | Reminder::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rssfeed_public',
                'rights' => READ | RSSFeed::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'bookmark_public',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'backup',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'ticket',
                'rights' => READ | CREATE | DELETE | PURGE | Ticket::READALL | Ticket::READASSIGN | Ticket::OWN | Ticket::SURVEY,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'followup',
                'rights' => READ | CREATE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'task',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'projecttask',
                'rights' => READ | ProjectTask::UPDATEMY,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'projecttask',
                'rights' => READ | ProjectTask::UPDATEMY,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'planning',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'state',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'taskcategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'statistic',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'password_update',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'show_group_hardware',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_dictionnary_software',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_dictionnary_dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'budget',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'notification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_mailcollector',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'solutiontemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'itilfollowuptemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'solutiontemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'itilfollowuptemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'calendar',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'slm',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_dictionnary_printer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'problem',
                'rights' => Change::READMY | READNOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'cable_management',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'knowbasecategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'itilcategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'itiltemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'ticketrecurrent',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'ticketcost',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'changevalidation',
                'rights' => CREATE | PURGE | CommonITILValidation::VALIDATE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'changevalidation',
                'rights' => CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'ticketvalidation',
                'rights' => PURGE | TicketValidation::CREATEREQUEST | TicketValidation::CREATEINCIDENT | TicketValidation::VALIDATEREQUEST | TicketValidation::VALIDATEINCIDENT,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'computer',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'monitor',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'software',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'networking',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'internet',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'printer',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'peripheral',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'cartridge',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'consumable',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'phone',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'queuednotification',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'contact_enterprise',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'document',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'contract',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'infocom',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'knowbase',
                'rights' => READ | UPDATE | CREATE | PURGE | KnowbaseItem::READFAQ | KnowbaseItem::PUBLISHFAQ | KnowbaseItem::COMMENTS,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'reservation',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE | ReservationItem::RESERVEANITEM,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'reports',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'dropdown',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'device',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'typedoc',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'link',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_ticket',
                'rights' => READ | UPDATE | CREATE | PURGE | RuleTicket::PARENT,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_import',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_ldap',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_softwarecategories',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'search_config',
                'rights' => DisplayPreference::PERSONAL | DisplayPreference::GENERAL,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'location',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'domain',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'profile',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'user',
                'rights' => ALLSTANDARDRIGHT | User::IMPORTEXTAUTHUSERS | User::READAUTHENT | User::UPDATEAUTHENT,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'group',
                'rights' => READ | UPDATE | CREATE | PURGE | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'entity',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'transfer',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'logs',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'reminder_public',
                'rights' => READ | UPDATE | CREATE | PURGE | Reminder::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rssfeed_public',
                'rights' => READ | UPDATE | CREATE | PURGE | RSSFeed::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'bookmark_public',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'backup',
                'rights' => '1024',
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'ticket',
                'rights' => ALLSTANDARDRIGHT | Ticket::READALL | Ticket::READGROUP | Ticket::READASSIGN | Ticket::ASSIGN
                    | Ticket::STEAL | Ticket::OWN | Ticket::CHANGEPRIORITY | Ticket::SURVEY,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'followup',
                'rights' => READ | UPDATE | CREATE | PURGE | ITILFollowup::UPDATEALL | ITILFollowup::ADDGROUPTICKET
                    | ITILFollowup::ADDALLTICKET | ITILFollowup::SEEPRIVATE | ITILFollowup::ADD_AS_OBSERVER,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'task',
                'rights' => CommonITILTask::SEEPUBLIC | PURGE | CommonITILTask::UPDATEALL
                    | CommonITILTask::ADDALLITEM | CommonITILTask::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'projecttask',
                'rights' => ProjectTask::READMY | ProjectTask::UPDATEMY | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'projecttask',
                'rights' => ProjectTask::READMY | ProjectTask::UPDATEMY | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'projecttask',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'planning',
                'rights' => READ | Planning::READGROUP | Planning::READALL,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'taskcategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'cable_management',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'statistic',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'password_update',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'show_group_hardware',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_dictionnary_software',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_dictionnary_dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'budget',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'notification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_mailcollector',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'solutiontemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'itilfollowuptemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'solutiontemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'itilfollowuptemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'calendar',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'slm',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_dictionnary_printer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'problem',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Problem::READALL,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'knowbasecategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'itilcategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'itiltemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'ticketrecurrent',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'ticketcost',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'changevalidation',
                'rights' => CREATE | PURGE | CommonITILValidation::VALIDATE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'changevalidation',
                'rights' => CREATE | PURGE | CommonITILValidation::VALIDATE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'ticketvalidation',
                'rights' => PURGE | TicketValidation::CREATEREQUEST | TicketValidation::CREATEINCIDENT
                    | TicketValidation::VALIDATEREQUEST | TicketValidation::VALIDATEINCIDENT,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'computer',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'monitor',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'software',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'networking',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'internet',
                'rights' => ALLSTANDARDRIGHT | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'printer',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'peripheral',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'cartridge',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'consumable',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'phone',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'contact_enterprise',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'document',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'contract',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'infocom',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'knowbase',
                'rights' => READ | UPDATE | CREATE | PURGE | KnowbaseItem::KNOWBASEADMIN | KnowbaseItem::READFAQ
                    | KnowbaseItem::PUBLISHFAQ | KnowbaseItem::COMMENTS,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'reservation',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE | ReservationItem::RESERVEANITEM,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'reports',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'dropdown',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'device',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'typedoc',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'link',
                'rights' => ALLSTANDARDRIGHT | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'config',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_ticket',
                'rights' => READ | UPDATE | CREATE | PURGE | RuleTicket::PARENT,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_import',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_location',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_ldap',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_softwarecategories',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'search_config',
                'rights' => DisplayPreference::PERSONAL | DisplayPreference::GENERAL,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'domain',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'profile',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'user',
                'rights' => ALLSTANDARDRIGHT | UNLOCK | User::IMPORTEXTAUTHUSERS | User::READAUTHENT | User::UPDATEAUTHENT,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'group',
                'rights' => READ | UPDATE | CREATE | PURGE | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'entity',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK | Entity::READHELPDESK | Entity::UPDATEHELPDESK,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'transfer',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'logs',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'reminder_public',
                'rights' => ALLSTANDARDRIGHT | UNLOCK | Reminder::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rssfeed_public',
                'rights' => ALLSTANDARDRIGHT | UNLOCK | RSSFeed::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'bookmark_public',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'backup',
                'rights' => '1045',
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'ticket',
                'rights' => ALLSTANDARDRIGHT | Ticket::READALL | Ticket::READGROUP | Ticket::READASSIGN | Ticket::ASSIGN
                    | Ticket::STEAL | Ticket::OWN | Ticket::CHANGEPRIORITY | Ticket::SURVEY,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'followup',
                'rights' => READ | UPDATE | CREATE | PURGE | ITILFollowup::UPDATEALL | ITILFollowup::ADDGROUPTICKET
                    | ITILFollowup::ADDALLTICKET | ITILFollowup::SEEPRIVATE | ITILFollowup::ADD_AS_OBSERVER,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'task',
                'rights' => CommonITILTask::SEEPUBLIC | PURGE | CommonITILTask::UPDATEALL
                    | CommonITILTask::ADDALLITEM | CommonITILTask::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'project',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Project::READALL,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'projecttask',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'projecttask',
                'rights' => READ | ProjectTask::UPDATEMY,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'planning',
                'rights' => READ | Planning::READGROUP | Planning::READALL,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'taskcategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'cable_management',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'statistic',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'password_update',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'show_group_hardware',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_dictionnary_software',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_dictionnary_dropdown',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'budget',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'notification',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_mailcollector',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'solutiontemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'itilfollowuptemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'solutiontemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'itilfollowuptemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'calendar',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'slm',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_dictionnary_printer',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'problem',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Problem::READALL,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'knowbasecategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'itilcategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'itiltemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'ticketrecurrent',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'ticketcost',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'change',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'changevalidation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'ticketvalidation',
                'rights' => PURGE | TicketValidation::CREATEREQUEST | TicketValidation::CREATEINCIDENT | TicketValidation::VALIDATEREQUEST | TicketValidation::VALIDATEINCIDENT,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'computer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'monitor',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'software',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'networking',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'internet',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'printer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'peripheral',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'cartridge',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'consumable',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'phone',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'queuednotification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'contact_enterprise',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'document',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'contract',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'infocom',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'knowbase',
                'rights' => KnowbaseItem::READFAQ | KnowbaseItem::COMMENTS,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'reservation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'reports',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'device',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'typedoc',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'link',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_ticket',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_import',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_ldap',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_softwarecategories',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'search_config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'domain',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'profile',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'user',
                'rights' => READ | User::IMPORTEXTAUTHUSERS,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'group',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'entity',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'transfer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'logs',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'reminder_public',
                'rights' => self::RIGHT_NONE | Reminder::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rssfeed_public',
                'rights' => self::RIGHT_NONE | RSSFeed::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'bookmark_public',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'backup',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'ticket',
                'rights' => Ticket::READMY | UPDATE | CREATE | Ticket::READALL | Ticket::ASSIGN | Ticket::SURVEY,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'followup',
                'rights' => ITILFollowup::SEEPUBLIC | ITILFollowup::UPDATEMY | ITILFollowup::ADDMYTICKET
                    | ITILFollowup::ADDALLTICKET | ITILFollowup::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'task',
                'rights' => READ | CommonITILTask::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'project',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Project::READALL,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'project',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Project::READALL,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'project',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Project::READALL,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'planning',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'taskcategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'cable_management',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'statistic',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'password_update',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'show_group_hardware',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_dictionnary_software',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_dictionnary_dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'budget',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'notification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_mailcollector',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'state',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'state',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'calendar',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'slm',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_dictionnary_printer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'problem',
                'rights' => Problem::READALL,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'knowbasecategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'itilcategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'itiltemplate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'ticketrecurrent',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'ticketcost',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'change',
                'rights' => UPDATE | CREATE | DELETE | PURGE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'change',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'ticketvalidation',
                'rights' => PURGE | TicketValidation::CREATEREQUEST | TicketValidation::CREATEINCIDENT,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'computer',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'monitor',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'software',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'networking',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'internet',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'printer',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'peripheral',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'cartridge',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'consumable',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'phone',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'queuednotification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'contact_enterprise',
                'rights' => READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'document',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'contract',
                'rights' => READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'infocom',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'knowbase',
                'rights' => READ | UPDATE | CREATE | PURGE | KnowbaseItem::READFAQ | KnowbaseItem::PUBLISHFAQ | KnowbaseItem::COMMENTS,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'reservation',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE | ReservationItem::RESERVEANITEM,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'reports',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'device',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'typedoc',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'link',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_ticket',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_import',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_ldap',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_softwarecategories',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'search_config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'domain',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'profile',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'user',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE | User::IMPORTEXTAUTHUSERS,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'group',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'entity',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'transfer',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'logs',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'reminder_public',
                'rights' => READ | UPDATE | CREATE | PURGE | Reminder::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rssfeed_public',
                'rights' => READ | UPDATE | CREATE | PURGE | RSSFeed::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'bookmark_public',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'backup',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'ticket',
                'rights' => Ticket::READMY | UPDATE | CREATE | Ticket::READALL | Ticket::READGROUP
                    | Ticket::OWN | Ticket::SURVEY,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'followup',
                'rights' => ITILFollowup::SEEPUBLIC | ITILFollowup::UPDATEMY | ITILFollowup::ADDMYTICKET
                    | ITILFollowup::UPDATEALL | ITILFollowup::ADDALLTICKET | ITILFollowup::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'task',
                'rights' => CommonITILTask::SEEPUBLIC | PURGE | CommonITILTask::UPDATEALL
                    | CommonITILTask::ADDALLITEM | CommonITILTask::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'project',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'project',
                'rights' => READ | Project::READALL,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'project',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Project::READALL,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'planning',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'taskcategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'cable_management',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'statistic',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'password_update',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'show_group_hardware',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_dictionnary_software',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_dictionnary_dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'budget',
                'rights' => READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'notification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_mailcollector',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'state',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'state',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'calendar',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'slm',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_dictionnary_printer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'problem',
                'rights' => Problem::READMY | Problem::READALL | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'knowbasecategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'itilcategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'location',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'itiltemplate',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'ticketrecurrent',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'ticketcost',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'change',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'change',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'ticketvalidation',
                'rights' => PURGE | TicketValidation::CREATEREQUEST | TicketValidation::CREATEINCIDENT,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'computer',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'monitor',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'software',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'networking',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'internet',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'printer',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'peripheral',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'cartridge',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'consumable',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'phone',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'queuednotification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'contact_enterprise',
                'rights' => READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'document',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'contract',
                'rights' => READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'infocom',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'knowbase',
                'rights' => READ | UPDATE | CREATE | PURGE | KnowbaseItem::READFAQ | KnowbaseItem::PUBLISHFAQ | KnowbaseItem::COMMENTS,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'reservation',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE | ReservationItem::RESERVEANITEM,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'reports',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'device',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'typedoc',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'link',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_ticket',
                'rights' => READ | UPDATE | CREATE | PURGE | RuleTicket::PARENT,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_import',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_ldap',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_softwarecategories',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'search_config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'domain',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'profile',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'user',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE | User::IMPORTEXTAUTHUSERS,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'group',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'entity',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'transfer',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'logs',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'reminder_public',
                'rights' => READ | UPDATE | CREATE | PURGE | Reminder::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rssfeed_public',
                'rights' => READ | UPDATE | CREATE | PURGE | RSSFeed::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'bookmark_public',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'backup',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'ticket',
                'rights' => ALLSTANDARDRIGHT | Ticket::READALL | Ticket::READGROUP | Ticket::READASSIGN | Ticket::ASSIGN
                    | Ticket::STEAL | Ticket::OWN | Ticket::CHANGEPRIORITY | Ticket::SURVEY,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'followup',
                'rights' => READ | UPDATE | CREATE | PURGE | ITILFollowup::UPDATEALL | ITILFollowup::ADDGROUPTICKET
                    | ITILFollowup::ADDALLTICKET | ITILFollowup::SEEPRIVATE | ITILFollowup::ADD_AS_OBSERVER,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'task',
                'rights' => CommonITILTask::SEEPUBLIC | PURGE | CommonITILTask::UPDATEALL
                    | CommonITILTask::ADDALLITEM | CommonITILTask::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'queuednotification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'planning',
                'rights' => READ | Planning::READGROUP | Planning::READALL,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'taskcategory',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'cable_management',
                'rights' => READ | UPDATE | CREATE | DELETE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'statistic',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'password_update',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'show_group_hardware',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_dictionnary_software',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_dictionnary_dropdown',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'budget',
                'rights' => READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'notification',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_mailcollector',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'changevalidation',
                'rights' => CREATE | PURGE | CommonITILValidation::VALIDATE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'state',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'calendar',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'slm',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_dictionnary_printer',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'problem',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | Problem::READALL,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'knowbasecategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'itilcategory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'location',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'itiltemplate',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'ticketrecurrent',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'ticketcost',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'change',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'change',
                'rights' => Change::READMY | READNOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'ticketvalidation',
                'rights' => PURGE | TicketValidation::CREATEREQUEST | TicketValidation::CREATEINCIDENT | TicketValidation::VALIDATEREQUEST | TicketValidation::VALIDATEINCIDENT,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'backup',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'bookmark_public',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'budget',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'calendar',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'cartridge',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'change',
                'rights' => Change::READMY | READNOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'changevalidation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'computer',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'config',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'consumable',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'contact_enterprise',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'contract',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'device',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'document',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'domain',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'dropdown',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'entity',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'followup',
                'rights' => READ | ITILFollowup::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'global_validation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'group',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'infocom',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'internet',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'itilcategory',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'knowbase',
                'rights' => READ | KnowbaseItem::READFAQ | KnowbaseItem::COMMENTS,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'knowbasecategory',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'link',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'location',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'logs',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'monitor',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'cable_management',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'networking',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'notification',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'password_update',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'peripheral',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'phone',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'planning',
                'rights' => READ | Planning::READGROUP | Planning::READALL,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'printer',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'problem',
                'rights' => Change::READMY | READNOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'profile',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'project',
                'rights' => Change::READMY | READNOTE | Change::READALL,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'projecttask',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'queuednotification',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'reminder_public',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'reports',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'reservation',
                'rights' => READ | Reminder::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rssfeed_public',
                'rights' => READ | RSSFeed::PERSONAL,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_dictionnary_dropdown',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_dictionnary_printer',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_dictionnary_software',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_import',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_location',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_ldap',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_mailcollector',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_softwarecategories',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_ticket',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'search_config',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'show_group_hardware',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'slm',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'software',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'solutiontemplate',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'itilfollowuptemplate',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'state',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'statistic',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'task',
                'rights' => READ | CommonITILTask::SEEPRIVATE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'taskcategory',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'ticket',
                'rights' => Ticket::READMY | Ticket::READALL | Ticket::READGROUP | Ticket::READASSIGN | Ticket::SURVEY,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'ticketcost',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'ticketrecurrent',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'itiltemplate',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'ticketvalidation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'transfer',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'typedoc',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'user',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'license',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'license',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'license',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'license',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'license',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'license',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'license',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'license',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'line',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'line',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'line',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'line',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'line',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'line',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'line',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'line',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'lineoperator',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'lineoperator',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'lineoperator',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'lineoperator',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'lineoperator',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'lineoperator',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'lineoperator',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'lineoperator',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'devicesimcard_pinpuk',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'devicesimcard_pinpuk',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'devicesimcard_pinpuk',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'devicesimcard_pinpuk',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'devicesimcard_pinpuk',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'devicesimcard_pinpuk',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'devicesimcard_pinpuk',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'devicesimcard_pinpuk',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'certificate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'certificate',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'certificate',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'certificate',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE | UNLOCK,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'certificate',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'certificate',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'certificate',
                'rights' => ALLSTANDARDRIGHT | READNOTE | UPDATENOTE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'certificate',
                'rights' => READ | READNOTE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'datacenter',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'datacenter',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'datacenter',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'datacenter',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'datacenter',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'datacenter',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'datacenter',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'datacenter',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'rule_asset',
                'rights' => READ | UPDATE | CREATE | PURGE | RuleAsset::PARENT,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'personalization',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'personalization',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'personalization',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'personalization',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'personalization',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'personalization',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'personalization',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'personalization',
                'rights' => READ | UPDATE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'rule_asset',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'rule_asset',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'rule_asset',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'rule_asset',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'rule_asset',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'rule_asset',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'rule_asset',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'global_validation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'global_validation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'global_validation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'global_validation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'global_validation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'global_validation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'global_validation',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'cluster',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'cluster',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'cluster',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'cluster',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'cluster',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'cluster',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'cluster',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'cluster',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'externalevent',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'externalevent',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'externalevent',
                'rights' => ALLSTANDARDRIGHT | PlanningExternalEvent::MANAGE_BG_EVENTS,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'externalevent',
                'rights' => ALLSTANDARDRIGHT | PlanningExternalEvent::MANAGE_BG_EVENTS,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'externalevent',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'externalevent',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'externalevent',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'externalevent',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'dashboard',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'dashboard',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'dashboard',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'dashboard',
                'rights' => READ | UPDATE | CREATE | PURGE,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'dashboard',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'dashboard',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'dashboard',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'dashboard',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'appliance',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'appliance',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'appliance',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'appliance',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'appliance',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'appliance',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'appliance',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'appliance',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'inventory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'inventory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'inventory',
                'rights' => READ | Conf::IMPORTFROMFILE | Conf::UPDATECONFIG,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'inventory',
                'rights' => READ | Conf::IMPORTFROMFILE | Conf::UPDATECONFIG,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'inventory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'inventory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'inventory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'inventory',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'pendingreason',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'pendingreason',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'pendingreason',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'pendingreason',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'pendingreason',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'pendingreason',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'pendingreason',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'pendingreason',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'database',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'database',
                'rights' => READ,
            ], [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'database',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'database',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'database',
                'rights' => self::RIGHT_NONE,
            ], [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'database',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'database',
                'rights' => ALLSTANDARDRIGHT,
            ], [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'database',
                'rights' => READ,
            ],
            [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'recurrentchange',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'recurrentchange',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'recurrentchange',
                'rights' => READ,
            ],
            [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'recurrentchange',
                'rights' => ALLSTANDARDRIGHT,
            ],
            [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'recurrentchange',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'recurrentchange',
                'rights' => READ,
            ],
            [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'recurrentchange',
                'rights' => READ,
            ],
            [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'recurrentchange',
                'rights' => READ,
            ],
            [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'locked_field',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'locked_field',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'locked_field',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'locked_field',
                'rights' => CREATE | UPDATE,
            ],
            [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'locked_field',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'locked_field',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'locked_field',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'locked_field',
                'rights' => self::RIGHT_NONE,
            ],            [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'snmpcredential',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'snmpcredential',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'snmpcredential',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'snmpcredential',
                'rights' => ALLSTANDARDRIGHT,
            ],
            [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'snmpcredential',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'snmpcredential',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'snmpcredential',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'snmpcredential',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'refusedequipment',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'refusedequipment',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'refusedequipment',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'refusedequipment',
                'rights' => READ | UPDATE | PURGE,
            ],
            [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'refusedequipment',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'refusedequipment',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'refusedequipment',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'refusedequipment',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'agent',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'agent',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'agent',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'agent',
                'rights' => READ | UPDATE | PURGE,
            ],
            [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'agent',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'agent',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'agent',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'agent',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SELF_SERVICE,
                'name' => 'unmanaged',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_OBSERVER,
                'name' => 'unmanaged',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_ADMIN,
                'name' => 'unmanaged',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'unmanaged',
                'rights' => READ | UPDATE | DELETE | PURGE,
            ],
            [
                'profiles_id' => self::PROFILE_HOTLINER,
                'name' => 'unmanaged',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_TECHNICIAN,
                'name' => 'unmanaged',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_SUPERVISOR,
                'name' => 'unmanaged',
                'rights' => self::RIGHT_NONE,
            ],
            [
                'profiles_id' => self::PROFILE_READ_ONLY,
                'name' => 'unmanaged',
                'rights' => self::RIGHT_NONE,

            ],
            [
                'profiles_id' => self::PROFILE_SUPER_ADMIN,
                'name' => 'system_logs',
                'rights' => READ,

            ],
        ];
